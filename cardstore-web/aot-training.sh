#!/bin/sh
# The training run of the JDK AOT cache (JDK 25 or later): starts the extracted application as it
# will run, without any backing service, has it serve a few pages and health checks, then stops
# it; the JVM writes the cache as it exits. The image build (cardstore-web/Dockerfile) and the
# tests both train with this script, so that what the tests run is what the image runs.
#
#   aot-training.sh <cache file> <application jar> [JVM option...]
#
# Run it with the JVM, the jar path (as the application will be started: the cache holds the
# class path as given) and the JVM options the application will run with. It runs the bean
# definitions the build generated ahead of time (-Dspring.aot.enabled=true), as the image does.
# JAVA (default java), SERVER_PORT (8080) and MANAGEMENT_PORT (8081) may be set.
set -eu

cache=$1
jar=$2
shift 2
java=${JAVA:-java}
port=${SERVER_PORT:-8080}
management=${MANAGEMENT_PORT:-8081}

# Nothing answers while an image builds: Redis is not checked at startup (and port 1 refuses at
# once), the queue listener stays stopped, and a fixed region stands in for the task's own.
"$java" -XX:AOTCacheOutput="$cache" --enable-native-access=ALL-UNNAMED -Dspring.aot.enabled=true "$@" -jar "$jar" \
	--server.port="$port" --management.server.port="$management" \
	--cardstore.session.verify-redis-on-startup=false --spring.data.redis.port=1 \
	--spring.cloud.aws.sqs.listener.auto-startup=false --spring.cloud.aws.region.static=us-east-1 &
pid=$!

waited=0
until curl -fs -o /dev/null "http://127.0.0.1:$management/actuator/health/liveness"; do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "The training run ended before it was live" >&2
		exit 1
	fi
	waited=$((waited + 1))
	if [ "$waited" -gt 600 ]; then
		echo "The training run was not live within two minutes" >&2
		kill "$pid"
		exit 1
	fi
	sleep 0.2
done

# What a replica does first: pages, static files, the API's answer to an anonymous call, an
# unknown path, and the health checks (readiness is down here: no Redis).
for path in / /password/forgot /dashboard /api/cards /no-such-page /css/cardstore.css /js/new-card.js \
		/images/default-card.svg; do
	curl -s -o /dev/null "http://127.0.0.1:$port$path"
done
for path in /actuator/health/readiness /actuator/health/liveness /actuator/info /actuator/prometheus; do
	curl -s -o /dev/null "http://127.0.0.1:$management$path"
done

# SIGTERM: the application shuts down gracefully and the JVM writes the cache on its way out.
kill "$pid"
wait "$pid" || true
if [ ! -s "$cache" ]; then
	echo "The training run wrote no AOT cache ($cache)" >&2
	exit 1
fi
