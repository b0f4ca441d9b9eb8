#!/usr/bin/env python3
"""Scale-out run on loopback, bounded and self-stopping.

A primary PostgreSQL cluster and a real streaming replica (pg_basebackup), one Atlas server writing to
the primary (it loads the bundled data, as demo does), two Atlas servers reading the replica, and
HAProxy in front (writes to the writer; reads to the readers, the writer as their backup). Under 200
connections of mixed reads it kills a reader and restarts it, restarts the replica and imports a list
through the balancer; it reports errors with their causes, p50/p99 before and during the faults, how
long the import took to be visible through the balancer, and any stale answer after that.
Writes bench/scaleout/RESULTS.md.
"""
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.environ.get("SCALEOUT_DATA", "/tmp/atlas-scaleout")
SECONDS = int(os.environ.get("SCALEOUT_SECONDS", "60"))
CONNECTIONS = 200
TOKEN = "scaleout-admin-token"
PGBIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))[-1]
AS_ROOT = os.geteuid() == 0
processes = []
log_lines = []


def say(msg):
    line = f"[{time.strftime('%H:%M:%S')}] {msg}"
    log_lines.append(line)
    print(line, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(cmd):
    return ["runuser", "-u", "postgres", "--"] + cmd if AS_ROOT else cmd


def run(cmd, timeout=300):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=timeout)


def cluster_start(data, port):
    run(as_postgres([f"{PGBIN}/pg_ctl", "-D", data, "-l", f"{data}/server.log", "-w", "-t", "60",
                     "-o", f"-p {port}", "start"]))


def make_primary(port):
    data = f"{WORK}/primary"
    run(as_postgres([f"{PGBIN}/initdb", "-D", data, "-U", "atlas", "--auth=trust", "-E", "UTF8",
                     "--locale=C.UTF-8", "--no-instructions"]))
    with open(f"{data}/postgresql.conf", "a") as f:
        f.write("listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 200\n"
                "shared_buffers = 256MB\njit = off\nwal_level = replica\nmax_wal_senders = 10\nhot_standby = on\n")
    cluster_start(data, port)
    run([f"{PGBIN}/psql", "-X", "-h", "127.0.0.1", "-p", str(port), "-U", "atlas", "-d", "postgres",
         "-c", "CREATE DATABASE atlas"])
    return data


def make_replica(primary_port, port):
    data = f"{WORK}/replica"
    run(as_postgres([f"{PGBIN}/pg_basebackup", "-h", "127.0.0.1", "-p", str(primary_port), "-U", "atlas",
                     "-D", data, "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast"]))
    cluster_start(data, port)
    return data


def atlas(command, db_port, http_port, name):
    env = dict(os.environ, DATABASE_URL=f"postgres://atlas@127.0.0.1:{db_port}/atlas",
               ATLAS_ADMIN_TOKEN=TOKEN, ATLAS_DATA=f"{WORK}/{name}-data")
    out = open(f"{WORK}/{name}.log", "a")
    p = subprocess.Popen(["java", "-Xmx1g", f"-Datlas.home={ROOT}", "-cp", "target/classes:target/lib/*",
                          "atlas.cli.Main", command, "--port", str(http_port)],
                         cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    processes.append(p)
    return p


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


def wait_ready(http_port, what, limit=600):
    t0 = time.time()
    while time.time() - t0 < limit:
        try:
            if get(f"http://127.0.0.1:{http_port}/readyz", 2)[0] == 200:
                return time.time() - t0
        except Exception:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{what} not ready after {limit} s (see {WORK})")


def wait_listening(port, limit=300):
    t0 = time.time()
    while time.time() - t0 < limit:
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                return time.time()
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on {port} after {limit} s")


def haproxy_config(lb, writer, readers):
    servers = "\n".join(f"    server r{i + 1} 127.0.0.1:{p} check inter 1s fall 2 rise 1" for i, p in enumerate(readers))
    return f"""global
    maxconn 4096
    log stdout format raw local0
defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout queue 10s
    timeout check 3s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout 502 503 504
frontend atlas
    bind 127.0.0.1:{lb}
    acl write method POST PUT DELETE PATCH
    use_backend writer if write
    default_backend readers
backend readers
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
{servers}
    server writer 127.0.0.1:{writer} check inter 1s fall 3 backup maxconn 32
backend writer
    option httpchk GET /readyz
    server writer 127.0.0.1:{writer} check inter 1s fall 3
"""


def wrk(lb, seconds, connections=CONNECTIONS):
    out = run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
               "-s", f"{HERE}/reads.lua", f"http://127.0.0.1:{lb}"]).stdout
    summary = json.loads(out[out.index("{"):out.rindex("}") + 1])
    return summary


def import_list(lb, stamp):
    """A small list posted through the balancer (it goes to the writer); returns its project names."""
    names = [f"扩容演练{stamp}号工程{i}" for i in range(1, 4)]
    csv = "序号,项目名称,建设地点,总投资（亿元）\n" + "".join(
        f"{i},{n},{place},{i * 1.5}\n" for i, (n, place) in enumerate(zip(names, ["杭州市西湖区", "宁波市鄞州区", "温州市鹿城区"]), 1))
    boundary = "----scaleout" + stamp
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scaleout-{stamp}.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + csv.encode("utf-8") + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"http://127.0.0.1:{lb}/api/imports", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, json.loads(r.read()), names


def matched(lb, names):
    q = urllib.parse.quote(names[0][:-1])   # the stamp: every name of this import
    status, body = get(f"http://127.0.0.1:{lb}/collections/projects/items?q={q}&limit=10", 5)
    return json.loads(body)["numberMatched"] if status == 200 else -1


def faults(lb, primary_port, replica_data, replica_port, reader_ports, readers, report):
    """The scripted faults, at fixed times into the loaded run."""
    start = time.time()

    def at(t):
        time.sleep(max(0, start + t - time.time()))

    at(10)
    victim = readers[0]
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    report["kill"] = f"reader r1 (port {reader_ports[0]}) SIGKILLed at {time.time() - start:.1f} s"
    say(report["kill"])
    at(15)

    def restart_reader():
        t0 = time.time()
        readers[0] = atlas("serve", replica_port, reader_ports[0], "reader1")
        report["reader_listening_s"] = wait_listening(reader_ports[0]) - t0
        report["reader_back_s"] = wait_ready(reader_ports[0], "restarted reader", 150)
        say(f"reader r1 restarted: listening after {report['reader_listening_s']:.1f} s, ready after {report['reader_back_s']:.1f} s")

    restarter = threading.Thread(target=restart_reader)
    restarter.start()
    at(25)
    t0 = time.time()
    # Stop and start rather than `pg_ctl restart`, whose new server would write to our pipe.
    run(as_postgres([f"{PGBIN}/pg_ctl", "-D", replica_data, "-m", "fast", "-w", "-t", "60", "stop"]))
    cluster_start(replica_data, replica_port)
    report["replica_restart_s"] = time.time() - t0
    say(f"replica restarted in {report['replica_restart_s']:.1f} s")
    at(40)
    stamp = time.strftime("%H%M%S")
    t0 = time.time()
    status, answer, names = import_list(lb, stamp)
    t_answered = time.time()
    say(f"import through the balancer: HTTP {status}, {answer.get('placed', {})}")
    while matched(lb, names) != len(names):
        if time.time() - t0 > 30:
            break
        time.sleep(0.02)
    t_visible = time.time()
    report["import_status"] = status
    report["import_answer_s"] = t_answered - t0
    report["visible_after_answer_s"] = t_visible - t_answered
    report["visible_after_post_s"] = t_visible - t0
    say(f"import visible through the balancer {report['visible_after_answer_s']:.3f} s after its answer")
    stale, checks = 0, 0
    while time.time() - t_visible < 5:
        checks += 1
        if matched(lb, names) != len(names):
            stale += 1
        time.sleep(0.05)
    report["stale_checks"] = checks
    report["stale_answers"] = stale
    say(f"after it was visible: {stale} stale answers in {checks} checks over 5 s")
    restarter.join()


def haproxy_errors(path, since_line):
    """Requests HAProxy answered with an error or had to retry, by status, server and termination state."""
    causes = {}
    with open(path, errors="replace") as f:
        lines = f.readlines()[since_line:]
    for line in lines:
        # ... frontend backend/server TR/Tw/Tc/Tr/Ta status bytes CC CS tsc ac/fc/bc/sc/rc sq/bq "request"
        m = re.search(r" (\S+)/(\S+) \S+/\S+/\S+/\S+/\S+ (-?\d+) \S+ \S+ \S+ (\S{4}) \S+/\S+/\S+/\S+/(\+?\d+) ", line)
        if not m:
            continue
        backend, server, status, term, retries = m.group(1), m.group(2), int(m.group(3)), m.group(4), m.group(5)
        if retries not in ("0", "+0"):
            key = f"retried {retries.lstrip('+')}× then {status} from {backend}/{server}"
            causes[key] = causes.get(key, 0) + 1
        if status >= 500 or status < 0 or term[:2] != "--":
            key = f"{status} from {backend}/{server}, termination {term}"
            causes[key] = causes.get(key, 0) + 1
    return causes, len(lines)


def main():
    for tool in ("haproxy", "wrk"):
        if shutil.which(tool) is None:
            subprocess.run(["apt-get", "install", "-y", "-qq", tool], check=True)
    subprocess.run([f"{ROOT}/atlas", "help"], check=True, stdout=subprocess.DEVNULL)   # builds
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    if AS_ROOT:
        run(["chown", "postgres:", WORK])
    report = {}
    primary_port, replica_port = free_port(), free_port()
    writer_port, reader_ports, lb = free_port(), [free_port(), free_port()], free_port()
    try:
        make_primary(primary_port)
        say(f"primary cluster on {primary_port}")
        atlas("demo", primary_port, writer_port, "writer")
        report["writer_ready_s"] = wait_ready(writer_port, "writer")
        while json.loads(get(f"http://127.0.0.1:{writer_port}/collections/projects/items?limit=1")[1])["numberMatched"] == 0:
            time.sleep(0.5)
        say(f"writer on {writer_port} with the bundled data, ready after {report['writer_ready_s']:.1f} s")
        replica_data = make_replica(primary_port, replica_port)
        say(f"streaming replica on {replica_port}")
        readers = [atlas("serve", replica_port, p, f"reader{i + 1}") for i, p in enumerate(reader_ports)]
        for p in reader_ports:
            wait_ready(p, f"reader on {p}")
        say(f"readers on {reader_ports}")
        cfg = f"{WORK}/haproxy.cfg"
        with open(cfg, "w") as f:
            f.write(haproxy_config(lb, writer_port, reader_ports))
        haproxy_log = f"{WORK}/haproxy.log"
        lb_proc = subprocess.Popen(["haproxy", "-f", cfg, "-db"], stdout=open(haproxy_log, "w"), stderr=subprocess.STDOUT)
        processes.append(lb_proc)
        wait_ready(lb, "balancer")
        say(f"HAProxy on {lb}; warming up 15 s")
        wrk(lb, 15, 50)
        _, mark = haproxy_errors(haproxy_log, 0)
        say(f"baseline: {CONNECTIONS} connections, 20 s")
        report["baseline"] = wrk(lb, 20)
        report["baseline_haproxy"], mark2 = haproxy_errors(haproxy_log, mark)
        say(f"faults run: {CONNECTIONS} connections, {SECONDS} s")
        fault_thread = threading.Thread(target=faults, args=(lb, primary_port, replica_data, replica_port,
                                                              reader_ports, readers, report))
        fault_thread.start()
        report["faults"] = wrk(lb, SECONDS)
        fault_thread.join()
        time.sleep(1)
        report["faults_haproxy"], _ = haproxy_errors(haproxy_log, mark + mark2)
    finally:
        for p in processes:
            if p.poll() is None:
                p.terminate()
        for p in processes:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        for data in (f"{WORK}/replica", f"{WORK}/primary"):
            if os.path.exists(f"{data}/postmaster.pid"):
                subprocess.run(as_postgres([f"{PGBIN}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]),
                               capture_output=True)
    write_results(report)


def write_results(r):
    def row(name, s):
        return (f"| {name} | {s['requests']:,} | {s['requests'] / s['seconds']:.0f} | {s['p50_ms']:.1f} | {s['p99_ms']:.1f} "
                f"| {s['max_ms']:.0f} | {s['non_2xx']} | {s['socket_errors']} |")

    b, f = r["baseline"], r["faults"]
    errors_seen = f["non_2xx"] + f["socket_errors"] + b["non_2xx"] + b["socket_errors"]
    visible = r.get("visible_after_answer_s", 99)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    lines = [
        "# Scale-out run: a primary, a streaming replica, three servers behind HAProxy",
        "",
        f"`bench/scaleout/run` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit}, "
        f"{os.cpu_count()} cores shared by everything below (clusters, three JVMs, HAProxy, wrk).",
        "",
        "- PostgreSQL 15 primary and a hot-standby replica made with `pg_basebackup --write-recovery-conf` (streaming).",
        "- Writer: `./atlas demo` on the primary (loads the bundled data). Readers: two `./atlas serve` on the replica.",
        "- HAProxy 2.6: POST/PUT to the writer; GET round-robin to the readers, the writer as backup;",
        "  health check `/readyz` every second (a reader down after 2 failures, the writer after 3; the writer takes at most 32 reads at once);",
        "  `retry-on conn-failure empty-response response-timeout 502 503 504`, 3 retries, redispatch.",
        f"- Load: wrk, {CONNECTIONS} connections, mixed reads (`bench/scaleout/reads.lua`: bbox pages with filters, tiles,",
        "  statistics, collections, single areas).",
        f"- Faults during the {SECONDS} s run: at 10 s SIGKILL of reader r1, restarted at 15 s; at 25 s the replica restarted",
        "  (`pg_ctl stop -m fast`, then start); at 40 s a list of 3 projects imported through the balancer.",
        "",
        "| phase | requests | req/s | p50 ms | p99 ms | max ms | HTTP errors seen by clients | socket errors |",
        "|---|---|---|---|---|---|---|---|",
        row("before the faults (20 s)", b),
        row(f"during the faults ({SECONDS} s)", f),
        "",
        f"- {r.get('kill', 'no kill')}; after its restart it listened in {r.get('reader_listening_s', float('nan')):.1f} s "
        f"and answered `/readyz` in {r.get('reader_back_s', float('nan')):.1f} s.",
        f"- Replica restart took {r.get('replica_restart_s', float('nan')):.1f} s.",
        f"- Import: HTTP {r.get('import_status')}, answered in {r.get('import_answer_s', float('nan')):.2f} s; visible through the "
        f"balancer {visible:.3f} s after the answer ({r.get('visible_after_post_s', float('nan')):.2f} s after the POST).",
        f"- Stale answers after it was visible: {r.get('stale_answers')} of {r.get('stale_checks')} checks over 5 s.",
        "",
        "What HAProxy absorbed or passed on (from its log; a retried request that then succeeded is not an error for the client):",
        "",
    ]
    for phase in ("baseline_haproxy", "faults_haproxy"):
        causes = r.get(phase, {})
        lines.append(f"- {phase.split('_')[0]}: " + (", ".join(f"{n} × {k}" for k, n in sorted(causes.items())) or "none"))
    lines += [
        "",
        f"Targets: no error a retrying client would see — **{'met' if errors_seen == 0 else 'missed'}** ({errors_seen}); "
        f"import visible within 5 s — **{'met' if visible <= 5 else 'missed'}** ({visible:.3f} s); "
        f"no stale answer after that — **{'met' if r.get('stale_answers') == 0 else 'missed'}**.",
        "",
        "Run log:",
        "",
        "```",
        *log_lines,
        "```",
        "",
    ]
    with open(f"{HERE}/RESULTS.md", "w") as out:
        out.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
