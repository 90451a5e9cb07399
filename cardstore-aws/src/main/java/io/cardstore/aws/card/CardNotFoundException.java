package io.cardstore.aws.card;

/** There is no such card. */
public class CardNotFoundException extends RuntimeException {

	public CardNotFoundException(String owner, String name) {
		super("'" + owner + "' has no card named '" + name + "'");
	}

}
