package io.jnetdev.cli;

import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.trace.jfr.MachineRecording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --jfr FILE}: records the machine's tracepoints and probe steps as JDK Flight Recorder
 * events. A command mixes this in and wraps its run:
 *
 * <pre>{@code
 * try (JfrOptions.Session jfr = jfrOptions.start(spec)) {
 *     Machine m = ...;
 *     jfr.attach(m);   // every machine the command builds, in turn
 *     ...
 * }
 * }</pre>
 *
 * Without {@code --jfr} the session does nothing and no machine has a trace sink attached.
 */
public final class JfrOptions {
    @Option(names = "--jfr", paramLabel = "FILE",
            description = "Record tracepoints (irq_handler_entry/exit, softirq_entry/exit, napi_poll, netif_rx, "
                    + "netif_receive_skb, net_dev_xmit) and probe steps as JDK Flight Recorder events into FILE, "
                    + "for 'jfr print', 'jfr summary' or JDK Mission Control.")
    Path file;

    /**
     * Starts the recording if {@code --jfr} was given; an unwritable file is a usage error naming it,
     * before any machine boots.
     */
    public Session start(CommandSpec spec) {
        if (file == null) {
            return new Session(null);
        }
        try {
            return new Session(MachineRecording.start(file));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jfr: " + e.getMessage(), e, null, file.toString());
        }
    }

    /** {@link #start} and {@link Session#attach} of one machine. */
    public Session record(CommandSpec spec, Machine machine) {
        Session session = start(spec);
        session.attach(machine);
        return session;
    }

    /** A running recording, or nothing when {@code --jfr} was not given. */
    public static final class Session implements AutoCloseable {
        private final MachineRecording recording;

        private Session(MachineRecording recording) {
            this.recording = recording;
        }

        /** Records {@code machine} from now on (with the probe steps it already took). */
        public void attach(Machine machine) {
            if (recording != null) {
                recording.attach(machine);
            }
        }

        /** Stops recording {@code machine}, for a command that moves on to another. */
        public void detach(Machine machine) {
            if (recording != null) {
                recording.detach(machine);
            }
        }

        /** Writes the file. */
        @Override
        public void close() {
            if (recording == null) {
                return;
            }
            try {
                recording.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }
}
