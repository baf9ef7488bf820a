package io.jnetdev.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDeviceFlags;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tcpdump -i DEV [-c N] -w FILE} on the default machine: the file is a standard pcap that
 * tshark reads back with every received and transmitted frame, its length and addresses; the count
 * ends a capture, the tap and the promiscuity reference go with it, bad input changes nothing and
 * a capture ends cleanly when its interface goes away.
 */
class TcpdumpShellTest {
    private static final String ETH0_MAC = "52:54:00:12:34:56";
    private static final String ETH1_MAC = "52:54:00:12:34:57";
    /** The traffic generator's station ({@code TrafficGenerator.SOURCE_MAC}). */
    private static final String GENERATOR_MAC = "02:00:00:00:00:01";

    private final ShellSession session = new ShellSession();
    private final Machine machine = session.machine;

    @TempDir
    Path dir;

    private String run(String line) {
        return session.run(line);
    }

    private NetDeviceImpl eth0() {
        return machine.net().device("eth0").orElseThrow();
    }

    private void eth0Up() {
        run("ip link set eth0 up");
        run("run 10ms"); // the watchdog reports the carrier
    }

    /** Hands eth0's driver {@code lengths.length} frames for eth1 through {@code dev_queue_xmit}. */
    private void transmitFromEth0(int... lengths) {
        NetDeviceImpl eth0 = eth0();
        byte[] dst = MacAddress.parse(ETH1_MAC).octets();
        byte[] src = eth0.macAddress().octets();
        for (int i = 0; i < lengths.length; i++) {
            byte[] f = new byte[lengths[i]];
            System.arraycopy(dst, 0, f, 0, 6);
            System.arraycopy(src, 0, f, 6, 6);
            f[12] = 0x08; // IPv4
            f[14] = (byte) i;
            Skb skb = eth0.allocSkb(f.length);
            skb.put(f.length).copyFrom(MemorySegment.ofArray(f));
            machine.net().devQueueXmit(eth0, skb);
        }
    }

    /** {@code tshark -r FILE -T fields -e ...}: one row per frame, the fields in order. */
    private static List<String[]> tshark(Path file, String... fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields", "-E", "separator=,"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return fail("tshark is needed to read the capture back and is not installed (" + e.getMessage()
                    + "); install it with 'apt-get install tshark' (Debian's package; .ci/run installs it in CI)");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tshark finishes").isTrue();
        assertThat(p.exitValue()).as("tshark -r %s exit status; output:%n%s", file, output).isZero();
        return output.lines().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void tsharkReadsBackEveryReceivedAndTransmittedFrameWithItsLengthAndAddresses() throws Exception {
        eth0Up();
        Path file = dir.resolve("eth0.pcap");
        long delivered0 = eth0().delivered();
        long tStart = machine.engine().now();
        assertThat(run("tcpdump -i eth0 -w " + file))
                .isEqualTo("tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n");
        // as tcpdump does, the capture makes the card promiscuous; as on Linux, ip link shows only the administrator's flag
        assertThat(eth0().flags() & NetDeviceFlags.PROMISC).isEqualTo(NetDeviceFlags.PROMISC);
        assertThat(run("ip link show eth0")).doesNotContain("PROMISC");
        assertThat(machine.dmesg()).contains("device eth0 entered promiscuous mode");

        run("traffic eth0 rate=10k size=100 for=5ms");
        int[] txLengths = {60, 160, 260, 360, 460, 560, 1514};
        transmitFromEth0(txLengths);
        run("run 20ms");
        long received = eth0().delivered() - delivered0;
        assertThat(received).as("the 50 offered frames reached the stack").isEqualTo(50);
        long tEnd = machine.engine().now();
        assertThat(run("tcpdump stop")).isEqualTo("57 packets captured on eth0 to " + file + "\n");
        assertThat(eth0().promiscuity()).as("promiscuity given back").isZero();
        assertThat(eth0().flags() & NetDeviceFlags.PROMISC).isZero();

        List<String[]> rows = tshark(file, "frame.len", "eth.dst", "eth.src", "frame.time_epoch", "eth.type");
        assertThat(rows).as("one row per frame").hasSize(57);
        List<Integer> txSeen = new ArrayList<>();
        int rx = 0;
        double previous = 0;
        for (String[] r : rows) {
            double t = Double.parseDouble(r[3]);
            assertThat(t).as("timestamps in virtual time, in order").isBetween(tStart / 1e9, tEnd / 1e9).isGreaterThanOrEqualTo(previous);
            previous = t;
            assertThat(r[4]).as("ethertype").isEqualTo("0x0800");
            if (r[1].equals(ETH0_MAC)) {
                assertThat(r[2]).isEqualTo(GENERATOR_MAC);
                assertThat(r[0]).as("received frame length").isEqualTo("100");
                rx++;
            } else {
                assertThat(r[1]).as("a transmitted frame goes to eth1").isEqualTo(ETH1_MAC);
                assertThat(r[2]).isEqualTo(ETH0_MAC);
                txSeen.add(Integer.parseInt(r[0]));
            }
        }
        assertThat(rx).isEqualTo(50);
        assertThat(txSeen).as("transmitted frames, in the order the driver was handed them")
                .containsExactly(60, 160, 260, 360, 460, 560, 1514);
    }

    @Test
    void theCountEndsTheCaptureTakesTheTapOffAndGivesPromiscuityBack() throws IOException {
        eth0Up();
        Path file = dir.resolve("ten.pcap");
        assertThat(run("tcpdump -i eth0 -c 10 -w " + file)).contains("listening on eth0").contains("stopping after 10 packets");
        run("traffic eth0 rate=10k size=60 for=3ms");
        assertThat(run("run 10ms")).contains("10 packets captured on eth0 to " + file);
        assertThat(run("tcpdump")).contains("no capture running");
        assertThat(eth0().promiscuity()).isZero();
        PcapRecords pcap = PcapRecords.read(file);
        assertThat(pcap.linkType()).isEqualTo(1);
        assertThat(pcap.frames()).hasSize(10).allSatisfy(f -> assertThat(f.length()).isEqualTo(60));
        long size = Files.size(file);
        run("traffic eth0 rate=10k size=60 for=3ms");
        run("run 10ms");
        assertThat(Files.size(file)).as("no tap is left writing").isEqualTo(size);
        assertThat(eth0().delivered()).as("the frames after the count still reach the stack").isEqualTo(60);
    }

    @Test
    void minusPLeavesPromiscuityAloneAndTheAdministratorsFlagOutlivesACapture() throws IOException {
        eth0Up();
        run("tcpdump -i eth0 -p -c 1 -w " + dir.resolve("p.pcap"));
        assertThat(eth0().promiscuity()).as("-p").isZero();
        run("tcpdump stop");
        run("ip link set eth0 promisc on");
        run("tcpdump -i eth0 -w " + dir.resolve("q.pcap"));
        assertThat(eth0().promiscuity()).as("the administrator and the capture").isEqualTo(2);
        run("tcpdump stop");
        assertThat(eth0().promiscuity()).isEqualTo(1);
        assertThat(run("ip link show eth0")).contains("PROMISC");
        assertThat(PcapRecords.read(dir.resolve("p.pcap")).frames()).isEmpty();
    }

    @Test
    void badInputGivesOneMessageAndChangesNothing() throws IOException {
        eth0Up();
        Path file = dir.resolve("never.pcap");
        String[][] cases = {
            {"tcpdump -i eth9 -w " + file, "tcpdump: eth9: No such device exists"},
            {"tcpdump -i eth1 -w " + file, "tcpdump: eth1: That device is not up"},
            {"tcpdump -i eth0 -c 0 -w " + file, "tcpdump: invalid packet count 0"},
            {"tcpdump -i eth0 -c -3 -w " + file, "tcpdump: invalid packet count -3"},
            {"tcpdump -i eth0 -c many -w " + file, "tcpdump: invalid packet count many"},
            {"tcpdump -i eth0 -w " + dir.resolve("no/such/dir/x.pcap"), "No such file or directory"},
            {"tcpdump -i eth0", "tcpdump: -w FILE is required"},
            {"tcpdump -w " + file, "tcpdump: -i DEV is required"},
            {"tcpdump -i eth0 -w " + file + " udp port 9", "filter expressions are not supported"},
            {"tcpdump stop", "tcpdump: no capture is running"},
        };
        for (String[] c : cases) {
            String out = run(c[0]);
            assertThat(out).as(c[0]).contains(c[1]);
            assertThat(out.lines().count()).as("one line for '%s': %s", c[0], out).isEqualTo(1);
        }
        assertThat(file).doesNotExist();
        assertThat(eth0().promiscuity()).isZero();
        assertThat(run("tcpdump")).contains("no capture running");

        Path busy = dir.resolve("busy.pcap");
        run("tcpdump -i eth0 -w " + busy);
        assertThat(run("tcpdump -i eth0 -w " + busy)).contains("is being written by the capture on eth0");
        assertThat(eth0().promiscuity()).as("the refused second capture took nothing").isEqualTo(1);
        assertThat(run("tcpdump --help")).contains("tcpdump -i DEV [-c N] [-p] -w FILE").contains("tcpdump stop");
    }

    @Test
    void aCaptureEndsWhenItsInterfaceGoesAwayAndItsFileIsComplete() throws IOException {
        eth0Up();
        Path file = dir.resolve("gone.pcap");
        run("tcpdump -i eth0 -w " + file);
        run("traffic eth0 rate=10k size=200 for=2ms");
        run("run 10ms");
        String out = run("rmmod e1000e");
        assertThat(out).contains("tcpdump: eth0: The interface went down").contains("20 packets captured on eth0 to " + file);
        assertThat(machine.net().device("eth0")).isEmpty();
        assertThat(run("tcpdump")).contains("no capture running");
        assertThat(PcapRecords.read(file).frames()).hasSize(20).allSatisfy(f -> assertThat(f.bytes()).hasSize(200));
        assertThat(machine.violations().count()).as("no leaks or contract warnings: %s", machine.violations().all()).isZero();
    }

    @Test
    void endingTheShellClosesTheRunningCaptures() throws IOException {
        eth0Up();
        Path file = dir.resolve("open.pcap");
        run("tcpdump -i eth0 -w " + file);
        run("traffic eth0 rate=10k size=60 for=1ms");
        run("run 5ms");
        session.shell.close();
        assertThat(PcapRecords.read(file).frames()).hasSize(10);
        assertThat(eth0().promiscuity()).isZero();
    }
}
