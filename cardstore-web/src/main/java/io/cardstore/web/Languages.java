package io.cardstore.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The store speaks English and German: the language of the browser
 * ({@code Accept-Language}) until the visitor picks one with {@code ?lang=} (the switch
 * on every page), which a cookie keeps. Neither asks for a session, so an anonymous
 * visitor's choice costs the store nothing.
 */
@Configuration(proxyBeanMethods = false)
class Languages implements WebMvcConfigurer {

	/** The languages the store has text in; the first is the one for everybody else. */
	static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

	static final String PARAMETER = "lang";

	/** The store's language with this code ({@code de}), if it has one. */
	static Optional<Locale> supported(String language) {
		return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst();
	}

	private final boolean secure;

	/**
	 * @param secure whether the cookie is Secure, with the {@code __Host-} prefix: as the
	 * session cookie is (the production profile)
	 */
	Languages(@Value("${server.servlet.session.cookie.secure:false}") boolean secure) {
		this.secure = secure;
	}

	/**
	 * The store's text in the language chosen for the request (Spring MVC holds the
	 * resolved language for the request's thread), for what a controller puts on a page
	 * or in a redirect's message.
	 */
	@Bean
	MessageSourceAccessor messages(MessageSource messageSource) {
		return new MessageSourceAccessor(messageSource);
	}

	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
		browser.setSupportedLocales(SUPPORTED);
		browser.setDefaultLocale(SUPPORTED.get(0));
		CookieLocaleResolver chosen = new CookieLocaleResolver(this.secure ? "__Host-LANG" : "LANG");
		chosen.setCookieMaxAge(Duration.ofDays(365));
		chosen.setCookieHttpOnly(true);
		chosen.setCookieSecure(this.secure);
		chosen.setCookieSameSite("Lax");
		chosen.setDefaultLocaleFunction(browser::resolveLocale);
		return new StoreLanguage(chosen, browser);
	}

	/**
	 * The chosen language where it is one of the store's (a cookie may say anything),
	 * else the browser's: always one of {@link #SUPPORTED}, so that text, numbers and
	 * dates agree.
	 */
	record StoreLanguage(CookieLocaleResolver chosen, LocaleResolver browser) implements LocaleResolver {

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return supported(this.chosen.resolveLocale(request).getLanguage())
				.orElseGet(() -> this.browser.resolveLocale(request));
		}

		@Override
		public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response,
				@Nullable Locale locale) {
			this.chosen.setLocale(request, response, locale);
		}

	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageSwitch());
	}

	/**
	 * {@code ?lang=de} on any page: kept in the cookie when it names a language of the
	 * store, ignored otherwise (the cookie never holds what a link made up).
	 */
	static class LanguageSwitch implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			String language = request.getParameter(PARAMETER);
			LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
			if (language != null && resolver != null) {
				supported(language).ifPresent(locale -> resolver.setLocale(request, response, locale));
			}
			return true;
		}

	}

}
