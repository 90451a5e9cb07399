#!/bin/bash
# Starts the three emulators on loopback, nginx in front of them on 4566, runs the init hooks of
# /etc/localstack/init/ready.d, then says so on /_localstack/init/ready and with the line "Ready." in
# its log, as LocalStack does (Testcontainers' LocalStackContainer waits for that line, and starts
# the image through /usr/local/bin/docker-entrypoint.sh, as LocalStack's own image names it).
set -u
cd /opt/stand-in
java -Xmx256m -XX:TieredStopAtLevel=1 -Dsqlite4java.library.path=/opt/emulators/DYNAMODB_LOCAL \
	-cp '/opt/emulators/DYNAMODB_LOCAL/*' com.amazonaws.services.dynamodbv2.local.main.ServerRunner \
	-inMemory -disableTelemetry -port 4569 &
java -Xmx256m -XX:TieredStopAtLevel=1 -Dconfig.file=/opt/stand-in/elasticmq.conf \
	-cp '/opt/emulators/ELASTICMQ/*' org.elasticmq.server.Main &
java -Xmx256m -XX:TieredStopAtLevel=1 -cp '/opt/emulators/S3PROXY/*' org.gaul.s3proxy.Main \
	--properties /opt/stand-in/s3proxy.properties &
mkdir -p /var/lib/stand-in
nginx -g 'daemon off;' &

for port in 4567 4568 4569 4566; do
	until bash -c "echo > /dev/tcp/127.0.0.1/$port" 2> /dev/null; do sleep 0.2; done
done
echo "stand-in: S3 (S3Proxy), SQS (ElasticMQ) and DynamoDB (DynamoDB Local) ready on 4566"

failed=()
for hook in /etc/localstack/init/ready.d/*.sh; do
	[ -e "$hook" ] || continue
	echo "stand-in: running $hook"
	bash "$hook" || failed+=("$(basename "$hook")")
done
printf '{"completed": true, "scripts_failed": "%s"}\n' "${failed[*]:-}" > /var/lib/stand-in/init-ready.json
echo "stand-in: ready${failed:+, failed hooks: ${failed[*]}}"
echo "Ready."
wait -n
