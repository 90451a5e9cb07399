package io.cardstore.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cardstore.market.card.CardNameTakenException;
import io.cardstore.market.card.CardNotFoundException;
import io.cardstore.market.trade.TradeRefusal;
import io.cardstore.market.trade.TradeRefusedException;
import io.cardstore.market.upload.UploadRejectedException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API as RFC 9457 problem details: 400 with field errors, 404, 409;
 * the {@code detail} in the request's language, the {@code reason} for programs.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	private String say(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, say("api.invalid-fields"));
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.putIfAbsent(error.getField(), error.getDefaultMessage());
		}
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(CardNotFoundException.class)
	ProblemDetail cardNotFound(CardNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, say("cards.not-found", ex.name()));
	}

	@ExceptionHandler(CardNameTakenException.class)
	ProblemDetail cardNameTaken(CardNameTakenException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, say("cards.name-taken", ex.name()));
	}

	@ExceptionHandler(TradeRefusedException.class)
	ProblemDetail tradeRefused(TradeRefusedException ex) {
		HttpStatus status = (ex.reason() == TradeRefusal.CARD_NOT_FOUND) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, say("trade." + ex.reason().name()));
		problem.setProperty("reason", ex.reason());
		return problem;
	}

	@ExceptionHandler(UploadRejectedException.class)
	ProblemDetail uploadRejected(UploadRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				say("upload." + ex.reason().name()));
		problem.setProperty("reason", ex.reason());
		return problem;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badArgument(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
