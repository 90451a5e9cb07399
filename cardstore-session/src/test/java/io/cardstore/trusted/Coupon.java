package io.cardstore.trusted;

import java.util.Objects;

/**
 * A session value of a package outside the application's, read back only where trusted.
 */
public class Coupon {

	private String code;

	public Coupon() {
	}

	public Coupon(String code) {
		this.code = code;
	}

	public String getCode() {
		return this.code;
	}

	public void setCode(String code) {
		this.code = code;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Coupon coupon && Objects.equals(this.code, coupon.code);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.code);
	}

}
