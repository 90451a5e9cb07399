package io.cardstore.aws.activation;

/**
 * The message registration puts on the activation queue.
 *
 * @param username the account to activate
 * @param activationBaseUrl the application's address, which the link in the mail starts with
 */
public record ActivationRequest(String username, String activationBaseUrl) {
}
