/**
 * The accounts and their ledger in DynamoDB.
 */
@NullMarked
package io.cardstore.aws.account;

import org.jspecify.annotations.NullMarked;
