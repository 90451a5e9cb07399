package io.cardstore.web.account;

import io.cardstore.market.account.Username;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a new user fills in. A bean, not a record, because the page binds to its
 * properties. The messages are keys of {@code messages.properties}, in the reader's
 * language.
 */
public class RegistrationForm {

	@NotBlank(message = "{registration.username.blank}")
	@Size(max = Username.MAX_LENGTH, message = "{registration.username.size}")
	@Pattern(regexp = Username.SYNTAX, message = "{registration.username.pattern}")
	private String username = "";

	@NotBlank(message = "{registration.name.blank}")
	@Size(max = 80, message = "{registration.name.size}")
	private String name = "";

	@NotBlank(message = "{registration.email.blank}")
	@Email(message = "{registration.email.invalid}")
	@Size(max = 254, message = "{registration.email.size}")
	private String email = "";

	/** Checked by {@link PasswordPolicy}. */
	@NotBlank(message = "{registration.password.blank}")
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
