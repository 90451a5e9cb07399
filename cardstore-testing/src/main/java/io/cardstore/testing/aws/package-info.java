/**
 * S3, SQS and DynamoDB from LocalStack or native emulators, with CardStore's resources.
 */
@NullMarked
package io.cardstore.testing.aws;

import org.jspecify.annotations.NullMarked;
