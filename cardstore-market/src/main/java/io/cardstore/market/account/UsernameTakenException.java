package io.cardstore.market.account;

/** Another account already has this user name. */
public class UsernameTakenException extends RuntimeException {

	public UsernameTakenException(String username) {
		super("The user name '" + username + "' is taken");
	}

}
