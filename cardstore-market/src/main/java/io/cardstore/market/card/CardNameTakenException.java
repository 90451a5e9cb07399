package io.cardstore.market.card;

/** The owner already has a card with this name. */
public class CardNameTakenException extends RuntimeException {

	private final String name;

	public CardNameTakenException(String owner, String name) {
		super("'" + owner + "' already has a card named '" + name + "'");
		this.name = name;
	}

	/** The name that is taken. */
	public String name() {
		return this.name;
	}

}
