#!/usr/bin/env bash
# Builds the CardStore image for the platform the ECS tasks run on (linux/amd64), tags it with the
# git commit (and with the project version when that is a release), and pushes it to Amazon ECR.
# Credentials come from the AWS CLI's usual chain (SSO, profile, role).
#
#   deploy/push-to-ecr.sh <aws-account-id> <region> [repository]
#
# The repository (default: cardstore-web) is the CardStoreImages stack's (cardstore-infra):
#   cd cardstore-infra && npx aws-cdk@2 deploy CardStoreImages
# Its tags are immutable: a commit's image is pushed once, and pushing it again is skipped. Deploy
# the store with the commit's tag: npx aws-cdk@2 deploy CardStore -c imageTag=<commit> ...
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

# A snapshot version names no single build, and an immutable tag could hold only its first image.
tags=("$commit")
case "$version" in
	*-SNAPSHOT) ;;
	*) tags+=("$version") ;;
esac

if aws ecr describe-images --region "$region" --repository-name "$repository" --image-ids imageTag="$commit" >/dev/null 2>&1; then
	echo "$registry/$repository:$commit is there already; deploy with -c imageTag=$commit"
	exit 0
fi

build_tags=()
for tag in "${tags[@]}"; do
	build_tags+=(-t "$registry/$repository:$tag")
done
docker build --platform linux/amd64 -f cardstore-web/Dockerfile "${build_tags[@]}" .
aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry"
for tag in "${tags[@]}"; do
	docker push "$registry/$repository:$tag"
done
echo "Pushed $registry/$repository:$commit (tags: ${tags[*]}); deploy with -c imageTag=$commit"
