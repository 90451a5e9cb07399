package io.cardstore.market.card;

/** There is no such card. */
public class CardNotFoundException extends RuntimeException {

	private final String name;

	public CardNotFoundException(String owner, String name) {
		super("'" + shown(owner) + "' has no card named '" + shown(name) + "'");
		this.name = shown(name);
	}

	/**
	 * The card's name, cut where it is longer than a card's name can be, for a message to
	 * repeat.
	 */
	public String name() {
		return this.name;
	}

	/** As much of a name as a message repeats: a request may send anything. */
	private static String shown(String name) {
		return (name.length() <= Card.MAX_NAME_LENGTH) ? name : name.substring(0, Card.MAX_NAME_LENGTH) + "…";
	}

}
