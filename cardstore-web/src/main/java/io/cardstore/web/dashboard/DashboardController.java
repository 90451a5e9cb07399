package io.cardstore.web.dashboard;

import java.security.Principal;

import io.cardstore.market.account.Account;
import io.cardstore.market.account.Accounts;
import io.cardstore.session.InstanceId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard: the balance is read on every view, never kept in the session. */
@Controller
class DashboardController {

	private final Accounts accounts;

	private final InstanceId instanceId;

	DashboardController(Accounts accounts, InstanceId instanceId) {
		this.accounts = accounts;
		this.instanceId = instanceId;
	}

	@GetMapping("/dashboard")
	String dashboard(Principal user, Model model) {
		Account account = this.accounts.find(user.getName()).orElseThrow();
		model.addAttribute("account", account);
		model.addAttribute("servedBy", this.instanceId.value());
		return "dashboard";
	}

}
