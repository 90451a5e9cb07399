package io.cardstore.web;

import java.util.Locale;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spans go to an OpenTelemetry collector over OTLP/HTTP where
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} is set (the collector's
 * {@code /v1/traces} URL), and nowhere otherwise. Spring Boot's own exporter is a bean on
 * the condition that the endpoint is set, which Spring AOT decides once, when the jar is
 * built (without an endpoint): this one reads Boot's properties when the replica starts,
 * so the image exports wherever its environment names a collector. Boot's exporter is
 * excluded in {@code application.properties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OtlpTracingProperties.class)
class TraceExport {

	@Bean
	SpanExporter otlpSpanExporterWhereConfigured(OtlpTracingProperties properties) {
		String endpoint = properties.getEndpoint();
		if (endpoint == null || endpoint.isBlank()) {
			return SpanExporter.composite();
		}
		if (properties.getTransport() != Transport.HTTP) {
			throw new IllegalStateException("management.opentelemetry.tracing.export.otlp.transport must be http: "
					+ "the store exports spans over OTLP/HTTP only");
		}
		OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(endpoint)
			.setTimeout(properties.getTimeout())
			.setConnectTimeout(properties.getConnectTimeout())
			.setCompression(properties.getCompression().name().toLowerCase(Locale.ROOT));
		properties.getHeaders().forEach(exporter::addHeader);
		return exporter.build();
	}

}
