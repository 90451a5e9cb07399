#!/bin/bash
# Creates what CardStore's infrastructure creates in AWS: the private upload bucket with the CORS
# rule browsers need and the lifecycle rule that expires uploads no card claimed, the activation
# queue with its dead-letter queue, the tables, and the verified sender identity for SES. Run by
# LocalStack when it is ready.
set -euo pipefail

bucket=cardstore-cards
origin="${CARDSTORE_ALLOWED_ORIGIN:-http://localhost:8080}"

awslocal s3api create-bucket --bucket "$bucket" \
    --create-bucket-configuration LocationConstraint="$AWS_DEFAULT_REGION"
awslocal s3api put-public-access-block --bucket "$bucket" --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
awslocal s3api put-bucket-cors --bucket "$bucket" --cors-configuration "{
  \"CORSRules\": [{
    \"AllowedOrigins\": [\"$origin\"],
    \"AllowedMethods\": [\"PUT\", \"GET\", \"HEAD\"],
    \"AllowedHeaders\": [\"*\"],
    \"ExposeHeaders\": [\"ETag\"],
    \"MaxAgeSeconds\": 3000
  }]
}"
# The prefix and age are CardImageUploads.UPLOAD_PREFIX and UNCLAIMED_UPLOAD_DAYS; a test compares.
awslocal s3api put-bucket-lifecycle-configuration --bucket "$bucket" --lifecycle-configuration '{
  "Rules": [{
    "ID": "expire-unclaimed-uploads",
    "Filter": {"Prefix": "cards/uploads/"},
    "Status": "Enabled",
    "Expiration": {"Days": 1}
  }]
}'

dlq_url=$(awslocal sqs create-queue --queue-name cardstore-activation-dlq --query QueueUrl --output text)
dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
    --query Attributes.QueueArn --output text)
awslocal sqs create-queue --queue-name cardstore-activation --attributes "{
  \"VisibilityTimeout\": \"30\",
  \"RedrivePolicy\": \"{\\\"maxReceiveCount\\\":\\\"3\\\",\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\"}\"
}"

# The tables of CardStoreTableLayout (cardstore-market) under the default prefix; LocalStackTablesTests compares.
awslocal dynamodb create-table --table-name cardstore-users --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=username,AttributeType=S \
    --key-schema AttributeName=username,KeyType=HASH
# Accounts never activated expire.
awslocal dynamodb update-time-to-live --table-name cardstore-users \
    --time-to-live-specification Enabled=true,AttributeName=expiresAt
awslocal dynamodb create-table --table-name cardstore-cards --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=owner,AttributeType=S AttributeName=name,AttributeType=S \
        AttributeName=saleKey,AttributeType=S AttributeName=cardId,AttributeType=S \
    --key-schema AttributeName=owner,KeyType=HASH AttributeName=name,KeyType=RANGE \
    --global-secondary-indexes '[{
      "IndexName": "on-sale",
      "KeySchema": [{"AttributeName": "saleKey", "KeyType": "HASH"}, {"AttributeName": "cardId", "KeyType": "RANGE"}],
      "Projection": {"ProjectionType": "ALL"}
    }]'
awslocal dynamodb create-table --table-name cardstore-ledger --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=username,AttributeType=S AttributeName=entry,AttributeType=S \
    --key-schema AttributeName=username,KeyType=HASH AttributeName=entry,KeyType=RANGE

awslocal ses verify-email-identity --email-address no-reply@cardstore.local

echo "CardStore resources created"
