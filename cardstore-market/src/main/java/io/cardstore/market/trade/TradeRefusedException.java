package io.cardstore.market.trade;

/** A purchase that did not happen, and why. */
public class TradeRefusedException extends RuntimeException {

	private final TradeRefusal reason;

	public TradeRefusedException(TradeRefusal reason) {
		super(reason.message());
		this.reason = reason;
	}

	public TradeRefusal reason() {
		return this.reason;
	}

}
