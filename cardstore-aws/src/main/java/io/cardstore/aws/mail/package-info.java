/**
 * Account mail (activation, password reset), queued on SQS and sent by its listener.
 */
@NullMarked
package io.cardstore.aws.mail;

import org.jspecify.annotations.NullMarked;
