package io.cardstore.aws.card;

/** The owner already has a card with this name. */
public class CardNameTakenException extends RuntimeException {

	public CardNameTakenException(String owner, String name) {
		super("'" + owner + "' already has a card named '" + name + "'");
	}

}
