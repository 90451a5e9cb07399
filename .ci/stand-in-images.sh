#!/usr/bin/env bash
# Builds, from Debian's packages, local stand-ins for the images the project names, under those
# names, for machines where no container registry answers (this project's CI): a laptop or a
# hosted CI pulls the real images instead and never runs this. Each stand-in installs what the
# real image has and what the project uses of it:
#   eclipse-temurin:21-jdk, eclipse-temurin:25-jre   a Temurin JDK 25 under /opt/java/openjdk (the build stage
#                                                   needs 17 or later), JAVA_HOME and PATH set, curl
#   redis:7.4-alpine                                Debian's redis-server and redis-cli, protected mode off
#                                                   as in the official image
#   nginx:1.27-alpine                               Debian's nginx, templates in /etc/nginx/templates rendered
#                                                   with envsubst at start as the official image does, wget
#   prom/prometheus:v2.53.3                         Debian's prometheus and promtool (2.42), run as nobody as the
#                                                   official image runs, its configuration in /etc/prometheus
#   testcontainers/sshd:1.3.0                       sshd for Testcontainers' access to ports of the host
#   localstack/localstack:4.12.0                    not LocalStack: the Java emulators of the native backing
#                                                   services (S3Proxy, ElasticMQ, DynamoDB Local) behind nginx on
#                                                   4566, routed by request as LocalStack routes them; the init
#                                                   hooks in /etc/localstack/init/ready.d run with Debian's AWS
#                                                   CLI (calls these emulators do not implement, such as bucket
#                                                   CORS and SES, are reported and skipped), then
#                                                   /_localstack/init/ready says completed
#   axllent/mailpit:v1.21                           not Mailpit: Python's SMTP server on 1025 and, on 8025, the
#                                                   part of Mailpit's API the compose test reads (messages, and
#                                                   one message with its text)
#   selenium/standalone-chromium:4.43.0             not the Selenium server: Debian's Chromium and its chromedriver
#                                                   on the server's port and path (4444, /wd/hub), open to clients
#                                                   of the host as the server is; the browser test asks the same W3C
#                                                   WebDriver of both (a session, "ready" on /wd/hub/status)
# Needs root, podman (see .ci/run) and debootstrap. JDK_HOME (default: the newest JDK 25 or later under
# /usr/lib/jvm) is copied into the Java images.
set -euo pipefail

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jdk=${JDK_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | sort | tail -n 1)}
[ -x "$jdk/bin/java" ] || { echo "No JDK 25 found (set JDK_HOME)" >&2; exit 1; }

# The name a Docker client means by a short one: through podman's Docker API, "redis:7.4-alpine" is
# docker.io/library/redis:7.4-alpine, and a local image of another name is not found.
canonical() {
	case $1 in
		*/*/*) echo "$1" ;;
		*/*) echo "docker.io/$1" ;;
		*) echo "docker.io/library/$1" ;;
	esac
}

exists() { podman image exists "$(canonical "$1")"; }

build() { # name [context folder], then the Containerfile on standard input
	local name context
	name=$(canonical "$1")
	context="$work/${1//[:\/]/_}"
	mkdir -p "$context"
	cat > "$context/Containerfile"
	if [ -n "${2:-}" ]; then cp -r "$2"/. "$context/"; fi
	echo "Building the stand-in $name"
	podman build -q --format docker -t "$name" -f "$context/Containerfile" "$context" > /dev/null
}

# The base: Debian bookworm, minimal, from the mirror this machine uses.
if ! podman image exists local/bookworm; then
	mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || echo http://deb.debian.org/debian)
	echo "Building local/bookworm with debootstrap from $mirror"
	debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
		|| { tail -20 "$work/debootstrap.log" >&2; exit 1; }
	tar -C "$work/rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - local/bookworm > /dev/null
	rm -rf "$work/rootfs"
fi

# This machine's certificate authorities (a TLS-inspecting proxy's among them), so that builds inside the
# images reach Maven Central; the JDK's store copied through its link. Copied only for an image to build.
if ! exists eclipse-temurin:21-jdk || ! exists eclipse-temurin:25-jre; then
	mkdir -p "$work/java/ca" "$work/java/jdk"
	cp /usr/local/share/ca-certificates/*.crt "$work/java/ca/" 2>/dev/null || true
	cp -r "$jdk"/. "$work/java/jdk/"
	rm -f "$work/java/jdk/lib/security/cacerts"
	cp -L "$jdk/lib/security/cacerts" "$work/java/jdk/lib/security/cacerts"
fi

for name in eclipse-temurin:21-jdk eclipse-temurin:25-jre; do
	exists "$name" || build "$name" "$work/java" <<-'CONTAINERFILE'
		FROM local/bookworm
		RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
		    && rm -rf /var/lib/apt/lists/*
		COPY ca/ /usr/local/share/ca-certificates/
		RUN update-ca-certificates
		COPY jdk/ /opt/java/openjdk/
		ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH
	CONTAINERFILE
done

exists redis:7.4-alpine || build redis:7.4-alpine <<-'CONTAINERFILE'
	FROM local/bookworm
	RUN apt-get update && apt-get install -y --no-install-recommends redis-server redis-tools \
	    && rm -rf /var/lib/apt/lists/* && mkdir -p /data /usr/local/etc/redis
	WORKDIR /data
	# The official image turns protected mode off: clients come from other containers and the host.
	RUN printf '#!/bin/sh\nif [ "$1" = redis-server ]; then shift; exec redis-server "$@" --protected-mode no; fi\nexec "$@"\n' \
	    > /usr/local/bin/docker-entrypoint.sh && chmod +x /usr/local/bin/docker-entrypoint.sh
	ENTRYPOINT ["docker-entrypoint.sh"]
	EXPOSE 6379
	CMD ["redis-server"]
CONTAINERFILE

exists nginx:1.27-alpine || build nginx:1.27-alpine <<-'CONTAINERFILE'
	FROM local/bookworm
	RUN apt-get update && apt-get install -y --no-install-recommends nginx gettext-base wget \
	    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \
	    && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
	# As the official image's 20-envsubst-on-templates.sh: each template rendered into conf.d with the variables
	# the environment defines, others left alone.
	RUN printf '%s\n' '#!/bin/sh' 'set -e' \
	    'vars=$(env | cut -d= -f1 | sed "s/^/\\$/" | tr "\\n" " ")' \
	    'for t in /etc/nginx/templates/*.template; do [ -e "$t" ] || continue;' \
	    '  envsubst "$vars" < "$t" > "/etc/nginx/conf.d/$(basename "$t" .template)"; done' \
	    'exec "$@"' > /docker-entrypoint.sh && chmod +x /docker-entrypoint.sh
	ENTRYPOINT ["/docker-entrypoint.sh"]
	EXPOSE 80
	STOPSIGNAL SIGQUIT
	CMD ["nginx", "-g", "daemon off;"]
CONTAINERFILE

exists prom/prometheus:v2.53.3 || build prom/prometheus:v2.53.3 <<-'CONTAINERFILE'
	FROM local/bookworm
	RUN apt-get update && apt-get install -y --no-install-recommends prometheus \
	    && rm -rf /var/lib/apt/lists/* && mkdir -p /prometheus && chown nobody:nogroup /prometheus
	USER nobody
	WORKDIR /prometheus
	EXPOSE 9090
	ENTRYPOINT ["/usr/bin/prometheus"]
	CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
CONTAINERFILE

exists testcontainers/sshd:1.3.0 || build testcontainers/sshd:1.3.0 <<-'CONTAINERFILE'
	FROM local/bookworm
	RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \
	    && rm -rf /var/lib/apt/lists/* && mkdir -p /run/sshd
	# What Testcontainers' own image runs: root with the password it is given, forwarding allowed, and the
	# older algorithms of its SSH client.
	CMD echo "root:$PASSWORD" | chpasswd && exec /usr/sbin/sshd -D -e -o PermitRootLogin=yes -o AddressFamily=inet \
	    -o GatewayPorts=yes -o AllowAgentForwarding=yes -o AllowTcpForwarding=yes \
	    -o KexAlgorithms=+diffie-hellman-group1-sha1,diffie-hellman-group14-sha1 -o HostkeyAlgorithms=+ssh-rsa \
	    -o PubkeyAcceptedAlgorithms=+ssh-rsa
	EXPOSE 22
CONTAINERFILE

if ! exists localstack/localstack:4.12.0; then
	# The emulators' jars, resolved as the native backing services resolve them, one class path each
	# (versions from NativeAwsServices; needs cardstore-testing compiled).
	for emulator in DYNAMODB_LOCAL ELASTICMQ S3PROXY; do
		coordinates=$(sed -n "s/.*String $emulator = \"\([^\"]*\)\".*/\1/p" \
			cardstore-testing/src/main/java/io/cardstore/testing/aws/NativeAwsServices.java)
		mkdir -p "$work/localstack/emulators/$emulator"
		./mvnw -B -q -pl cardstore-testing exec:java -Dexec.mainClass=io.cardstore.testing.MavenArtifacts \
			-Dexec.args="$coordinates" | grep '^/' | xargs -I{} cp {} "$work/localstack/emulators/$emulator/"
	done
	cp .ci/localstack-stand-in/* "$work/localstack/"
	build localstack/localstack:4.12.0 "$work/localstack" <<-'CONTAINERFILE'
		FROM docker.io/library/eclipse-temurin:25-jre
		RUN apt-get update && apt-get install -y --no-install-recommends nginx awscli \
		    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* && mkdir -p /etc/localstack/init/ready.d
		COPY emulators/ /opt/emulators/
		COPY nginx.conf /etc/nginx/conf.d/localstack.conf
		COPY elasticmq.conf s3proxy.properties /opt/stand-in/
		COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
		COPY awslocal /usr/local/bin/awslocal
		RUN chmod +x /usr/local/bin/docker-entrypoint.sh /usr/local/bin/awslocal
		EXPOSE 4566
		ENTRYPOINT ["docker-entrypoint.sh"]
	CONTAINERFILE
fi

exists axllent/mailpit:v1.21 || build axllent/mailpit:v1.21 .ci/mailpit-stand-in <<-'CONTAINERFILE'
	FROM local/bookworm
	RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
	COPY mailbox.py /opt/stand-in/mailbox.py
	EXPOSE 1025 8025
	ENTRYPOINT ["python3", "-u", "/opt/stand-in/mailbox.py"]
CONTAINERFILE

exists selenium/standalone-chromium:4.43.0 || build selenium/standalone-chromium:4.43.0 <<-'CONTAINERFILE'
	FROM local/bookworm
	RUN apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver fonts-dejavu-core \
	    && rm -rf /var/lib/apt/lists/*
	EXPOSE 4444
	CMD ["chromedriver", "--port=4444", "--url-base=/wd/hub", "--allowed-ips=", "--allowed-origins=*"]
CONTAINERFILE

podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}'
