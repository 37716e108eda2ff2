#!/usr/bin/env bash
# Builds the project and runs the demo: a WildFly 39 (standalone-full.xml) with the rar, the demo
# application and its embedded ActiveMQ Artemis broker, in the foreground (Ctrl-C stops it).
# Open http://localhost:${DEMO_HTTP_PORT:-8080}/amqp-demo/
#
#   DEMO_LISTEN_PORT  where the demo's MDB listens for AMQP peers (default 5672)
#   DEMO_BROKER_PORT  the embedded broker's AMQP port, with the queue demo.orders (default 5673)
#   AMQP_HOST, AMQP_PORT  where the connection factory sends (default: the demo's own listener)
#   DEMO_HTTP_PORT    WildFly's HTTP port (default 8080); management is on it plus 1910
#
# ./demo/run.sh --galleon runs the same demo on a trimmed WildFly that Galleon provisions from
# WildFly's feature pack and the adapter's (the amqp-ra layer), in demo/target/server.
set -euo pipefail
cd "$(dirname "$0")/.."
listen_port=${DEMO_LISTEN_PORT:-5672}
http_port=${DEMO_HTTP_PORT:-8080}
broker_port=${DEMO_BROKER_PORT:-5673}
ports=(-Djboss.http.port="$http_port" -Djboss.management.http.port=$((http_port + 1910))
  -Djboss.https.port=$((http_port + 363)) -Ddemo.listen.port="$listen_port" -Ddemo.broker.port="$broker_port")
if [[ ${1:-} == --galleon ]]; then
  # A trimmed WildFly that Galleon provisions into demo/target/server (layers web-server,
  # management, embedded-activemq and amqp-ra), with the demo deployed; the amqp-ra layer takes the
  # connection factory's peer from the environment.
  mvn -B -q -Pgalleon -pl demo -am package -DskipTests
  export AMQP_HOST=${AMQP_HOST:-localhost} AMQP_PORT=${AMQP_PORT:-$listen_port}
  exec demo/target/server/bin/standalone.sh "${ports[@]}"
fi
mvn -B -q -Pdemo -pl demo -am package -DskipTests
home=$(ls -d demo/target/wildfly-*/)
cp demo/target/amqp-demo.war "$home/standalone/deployments/"
exec "$home/bin/standalone.sh" -c standalone-full.xml "${ports[@]}" \
  -Damqp.host="${AMQP_HOST:-localhost}" \
  -Damqp.port="${AMQP_PORT:-$listen_port}"
