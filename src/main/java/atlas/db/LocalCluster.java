package atlas.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL + PostGIS cluster under the project's data folder, on 127.0.0.1 only.
 * initdb and postgres refuse to run as root, so as root every server command runs as the
 * unprivileged 'postgres' system user (created by the Debian package) that owns the data folder.
 */
public final class LocalCluster {
    public static final String SUPERUSER = "atlas";
    private static final String SYSTEM_USER = "postgres";

    private final Path dataDir;
    private final Path binDir;
    private final boolean throwaway;

    public LocalCluster(Path dataDir, boolean throwaway) {
        this.dataDir = reachable(dataDir.toAbsolutePath().normalize());
        this.binDir = findBinDir();
        this.throwaway = throwaway;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the cluster if missing and starts it if not running; returns the port. */
    public int ensureRunning() {
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initialise();
        }
        Optional<Integer> running = runningPort();
        if (running.isPresent()) {
            return running.get();
        }
        int port = rememberedPort().filter(LocalCluster::isFree).orElseGet(LocalCluster::freePort);
        try {
            // The same port after a restart, so running servers reconnect by themselves.
            Files.writeString(portFile(), String.valueOf(port));
        } catch (IOException e) {
            throw new DatabaseException("cannot write " + portFile() + ": " + e.getMessage(), e);
        }
        // jit=off: our statements are short and compiling one costs more than running it (a page query
        // whose estimated cost passed jit_above_cost after an ANALYZE spent longer in LLVM than running).
        // max_wal_size=4GB: placing a large list rewrites every new row once more; with the default 1 GB
        // a checkpoint started in the middle of that UPDATE, and every page it touched after it went to
        // the WAL whole.
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c shared_buffers=" + sharedBuffersMb() + "MB -c jit=off"
                        + " -c max_wal_size=4GB", "start"));
        return port;
    }

    /**
     * Makes this (new) cluster a streaming replica of the one on 127.0.0.1:primaryPort with
     * pg_basebackup (hot standby, following the primary by itself), starts it and returns its port.
     */
    public int startAsReplicaOf(int primaryPort) {
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new DatabaseException("cannot create " + dataDir + ": " + e.getMessage(), e);
            }
            if (asRoot()) {
                run(List.of("chown", "-R", SYSTEM_USER + ":", dataDir.toString()));
                run(List.of("chmod", "700", dataDir.toString()));
            }
            run(List.of(bin("pg_basebackup"), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", SUPERUSER,
                    "-D", dataDir.toString(), "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast"));
        }
        return ensureRunning();
    }

    /**
     * A quarter of the machine's memory, between 256 MB and 4 GB, set at every start so older clusters
     * get it too. With 256 MB a page of a million projects read most blocks through the kernel, and
     * many clients got far fewer pages (bench/RESULTS.md, "Measured earlier"). A test cluster is small
     * and keeps 256 MB.
     */
    private int sharedBuffersMb() {
        if (throwaway) {
            return 256;
        }
        long total = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return (int) Math.max(256, Math.min(4096, total / 4 / (1024 * 1024)));
    }

    public boolean isRunning() {
        return runningPort().isPresent();
    }

    public void stop() {
        if (isRunning()) {
            run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
        }
    }

    /** The port of the running postmaster, read from postmaster.pid (line 4). */
    public Optional<Integer> runningPort() {
        Path pid = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        int status = runQuietly(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "status"));
        if (status != 0) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pid);
            return lines.size() > 3 ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** Removes the data folder (throwaway clusters of the test run). */
    public void destroy() {
        stop();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.deleteIfExists(portFile());
        } catch (IOException e) {
            // already gone
        }
    }

    private void initialise() {
        try {
            Files.createDirectories(dataDir);
            if (asRoot()) {
                run(List.of("chown", "-R", SYSTEM_USER + ":", dataDir.toString()));
                run(List.of("chmod", "700", dataDir.toString()));
            }
            run(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", SUPERUSER, "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"));
            StringBuilder conf = new StringBuilder("\n# Project Atlas: private cluster, loopback only\n")
                    .append("listen_addresses = '127.0.0.1'\n")
                    .append("unix_socket_directories = ''\n")
                    .append("max_connections = 100\n");  // shared_buffers: set at each start
            if (throwaway) {
                // A test cluster is rebuilt on every run: durability buys nothing there.
                conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
            }
            // Appending keeps the file's owner (the server user).
            Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new DatabaseException("cannot create the local cluster in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * As root the server runs as 'postgres', which cannot enter a checkout under a private home
     * (/root is 0700): such a data folder moves to /var/tmp/atlas-clusters, named after the original.
     */
    private static Path reachable(Path wanted) {
        if (!asRoot()) {
            return wanted;
        }
        Path parent = wanted.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new DatabaseException("cannot create " + parent + ": " + e.getMessage(), e);
        }
        if (runQuietly(List.of("test", "-x", parent.toString())) == 0) {
            return wanted;
        }
        String id = Integer.toHexString(wanted.toString().hashCode());
        Path moved = Path.of("/var/tmp/atlas-clusters", id + "-" + wanted.getFileName());
        System.err.println("atlas: the postgres user cannot reach " + parent + "; the cluster lives in " + moved);
        return moved;
    }

    private String bin(String tool) {
        return binDir.resolve(tool).toString();
    }

    /** The PostgreSQL programs (initdb, pg_ctl, pg_dump, pg_restore) of the newest installed server. */
    public static Path binaries() {
        return findBinDir();
    }

    private static Path findBinDir() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new DatabaseException("PostgreSQL server binaries not found under " + base
                            + ": install postgresql-15-postgis-3 (./atlas does it when run as root)", null));
        } catch (IOException e) {
            throw new DatabaseException("PostgreSQL server binaries not found under " + base, e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!asRoot() || command.get(0).equals("chown") || command.get(0).equals("chmod")) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SYSTEM_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new DatabaseException("command failed: " + String.join(" ", command) + "\n" + out, null);
            }
        } catch (IOException e) {
            throw new DatabaseException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while running " + command.get(0), e);
        }
    }

    private static int runQuietly(List<String> command) {
        try {
            Process p = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(30, TimeUnit.SECONDS);
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Path portFile() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".port");
    }

    private Optional<Integer> rememberedPort() {
        try {
            return Optional.of(Integer.parseInt(Files.readString(portFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new DatabaseException("no free port on 127.0.0.1", e);
        }
    }
}
