package io.cardstore.market.trade;

/** Why a purchase was refused. Nothing changed in any of these cases. */
public enum TradeRefusal {

	CARD_NOT_FOUND("There is no such card."),

	NOT_ON_SALE("This card is not on sale."),

	OWN_CARD("You cannot buy your own card."),

	INSUFFICIENT_BALANCE("Your balance does not cover the price."),

	NAME_CLASH("You already have a card with this name."),

	CHANGED_MEANWHILE("The card was sold or its price changed meanwhile.");

	private final String message;

	TradeRefusal(String message) {
		this.message = message;
	}

	public String message() {
		return this.message;
	}

}
