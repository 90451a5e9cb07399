#!/usr/bin/env bash
# Builds the CardStore image, tags it with the project version and the git commit, and pushes
# both tags to Amazon ECR. Credentials come from the AWS CLI's usual chain (SSO, profile, role).
#
#   deploy/push-to-ecr.sh <aws-account-id> <region> [repository]
#
# The repository (default: cardstore-web) must exist:
#   aws ecr create-repository --repository-name cardstore-web --image-scanning-configuration scanOnPush=true
set -euo pipefail
cd "$(dirname "$0")/.."

account="${1:?usage: deploy/push-to-ecr.sh <aws-account-id> <region> [repository]}"
region="${2:?usage: deploy/push-to-ecr.sh <aws-account-id> <region> [repository]}"
repository="${3:-cardstore-web}"

registry="$account.dkr.ecr.$region.amazonaws.com"
version=$(./mvnw -q -N help:evaluate -Dexpression=project.version -DforceStdout)
commit=$(git rev-parse --short=12 HEAD)
if ! git diff --quiet HEAD; then
	echo "The work tree has uncommitted changes; commit them so the image's tag says what it contains." >&2
	exit 1
fi

docker build -f cardstore-web/Dockerfile -t "$registry/$repository:$version" -t "$registry/$repository:$commit" .
aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry"
docker push "$registry/$repository:$version"
docker push "$registry/$repository:$commit"
echo "Pushed $registry/$repository:$commit (also tagged $version)"
