package io.cardstore.web.account;

import io.cardstore.aws.account.Accounts;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a new user fills in. A bean, not a record, because the page binds to its properties. */
public class RegistrationForm {

	@NotBlank(message = "Choose a user name.")
	@Size(max = 30, message = "At most 30 characters.")
	@Pattern(regexp = Accounts.USERNAME_SYNTAX,
			message = "3 to 30 characters: lowercase letters, digits, '-' or '_', starting with a letter or digit.")
	private String username = "";

	@NotBlank(message = "Tell us your name.")
	@Size(max = 80, message = "At most 80 characters.")
	private String name = "";

	@NotBlank(message = "An e-mail address is needed to activate the account.")
	@Email(message = "This is not an e-mail address.")
	@Size(max = 254, message = "At most 254 characters.")
	private String email = "";

	/** Checked by {@link PasswordPolicy}. */
	@NotBlank(message = "Choose a password.")
	private String password = "";

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

}
