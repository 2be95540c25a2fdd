# Shell functions .ci/run uses to start PostgreSQL and Redis and to wait for them; sourced,
# and tested on their own (tests/test_ci.py) with stand-ins for the Debian commands.
#
# Each function checks the service it is about to use – the PostgreSQL cluster that is
# configured for the port DATABASE_URL names, not just any cluster – and stops with a
# message that says which service did not answer, instead of letting the tests find out.

# Seconds to wait for a service to answer.
: "${CI_WAIT_SECONDS:=30}"

ci_fail() {
    echo "ci: $*" >&2
    exit 1
}

# wait_until DESCRIPTION COMMAND...: run COMMAND once a second until it succeeds.
wait_until() {
    local what="$1"
    shift
    local waited=0
    until "$@" >/dev/null 2>&1; do
        if [ "$waited" -ge "$CI_WAIT_SECONDS" ]; then
            ci_fail "$what did not answer within ${CI_WAIT_SECONDS} s"
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

# start_postgres PORT: start the cluster configured for PORT if it is down, and wait until
# it answers there. Sets PG_CLUSTER ("VERSION NAME") and PG_STARTED (1 if we started it).
start_postgres() {
    local port="$1" line version name status
    line="$(pg_lsclusters -h | awk -v port="$port" '$3 == port { print $1, $2, $4 }' | head -1)"
    if [ -z "$line" ]; then
        echo "ci: the PostgreSQL clusters on this machine:" >&2
        pg_lsclusters >&2 || true
        ci_fail "no PostgreSQL cluster is configured for port $port"
    fi
    read -r version name status <<<"$line"
    PG_CLUSTER="$version $name"
    PG_STARTED=""
    if [ "$status" != "online" ]; then
        echo "ci: starting PostgreSQL $version/$name on port $port"
        pg_ctlcluster "$version" "$name" start || ci_fail "PostgreSQL $version/$name did not start"
        PG_STARTED=1
    fi
    wait_until "PostgreSQL $version/$name on 127.0.0.1:$port" \
        pg_isready -q -h 127.0.0.1 -p "$port"
}

# start_redis PORT PIDFILE: start a Redis on loopback unless one answers; wait for it.
# Sets REDIS_STARTED_PID when we started it.
start_redis() {
    local port="$1" pidfile="$2"
    REDIS_STARTED_PID=""
    if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
        return 0
    fi
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
        --pidfile "$pidfile" || ci_fail "redis-server did not start"
    wait_until "Redis on 127.0.0.1:$port" redis-cli -h 127.0.0.1 -p "$port" ping
    REDIS_STARTED_PID="$(cat "$pidfile")"
}
