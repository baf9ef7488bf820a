package io.jnetdev.runtime.trace.jfr;

import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.base.ProbeTrace;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.Recording;

/**
 * A JDK Flight Recorder recording of machines' tracepoints and probe steps, written to a file that
 * {@code jfr print}, {@code jfr summary} or JDK Mission Control opens:
 *
 * <pre>{@code
 * try (MachineRecording rec = MachineRecording.start(machine, Path.of("run.jfr"))) {
 *     machine.run(20_000_000);
 * }
 * }</pre>
 *
 * <p>The recording enables the jnetdev event types only (no JVM events, no stack traces). While it
 * runs, a {@link JfrTraceSink} is attached to each machine's tracepoint hub and probe trace; on
 * {@link #close()} they are detached, the recording stops and the file is written. A machine not
 * being recorded pays nothing beyond the hub's one branch.
 *
 * <p>Probe steps recorded before a machine is attached (a machine is usually recorded after it
 * booted) are committed when it is attached, with their own virtual times; tracepoints fired before
 * are lost, as in any tracer started late.
 *
 * <p>JFR events are the process's, not a recording's: two recordings running at once in one JVM
 * would each hold the other's events. Record one at a time.
 */
public final class MachineRecording implements AutoCloseable {
    /** Every event type this package defines: the only ones a recording enables. */
    static final List<Class<? extends Event>> EVENT_TYPES = List.of(
            IrqHandlerEntryEvent.class, IrqHandlerExitEvent.class, SoftirqEntryEvent.class, SoftirqExitEvent.class,
            NapiPollEvent.class, NetifRxEvent.class, NetifReceiveSkbEvent.class, NetDevXmitEvent.class,
            ProbeStepEvent.class);

    private final Path file;
    private final Recording recording;
    private final JfrTraceSink sink = new JfrTraceSink();
    private final List<Machine> machines = new ArrayList<>();
    private boolean closed;

    private MachineRecording(Path file, Recording recording) {
        this.file = file;
        this.recording = recording;
    }

    /**
     * Starts a recording to {@code file} with no machine attached yet (for a sweep over several
     * machines, each {@link #attach attached} in turn).
     *
     * @throws IOException naming {@code file} if it cannot be written
     */
    public static MachineRecording start(Path file) throws IOException {
        Recording recording = new Recording();
        recording.setName("jnetdev " + file.getFileName());
        recording.setToDisk(true);
        for (Class<? extends Event> type : EVENT_TYPES) {
            recording.enable(type).withoutStackTrace();
        }
        try {
            // Checks now that the file can be written, rather than after the whole run.
            recording.setDestination(file);
        } catch (IOException | SecurityException e) {
            recording.close();
            throw new IOException("cannot write the JFR recording to " + file.toAbsolutePath() + ": " + reason(e), e);
        }
        recording.start();
        return new MachineRecording(file, recording);
    }

    /** Starts a recording of {@code machine} to {@code file}. */
    public static MachineRecording start(Machine machine, Path file) throws IOException {
        MachineRecording rec = start(file);
        rec.attach(machine);
        return rec;
    }

    /** Records {@code machine} from now on, after committing the probe steps it has already recorded. */
    public void attach(Machine machine) {
        if (closed) {
            throw new IllegalStateException("the recording to " + file + " is closed");
        }
        if (machines.contains(machine)) {
            return;
        }
        ProbeTrace trace = machine.trace();
        for (ProbeTrace.Step step : trace.steps()) {
            sink.accept(step);
        }
        trace.listen(sink);
        machine.tracepoints().attach(sink);
        machines.add(machine);
    }

    /** Stops recording {@code machine}; the recording goes on for the others. */
    public void detach(Machine machine) {
        if (machines.remove(machine)) {
            machine.tracepoints().detach(sink);
            machine.trace().unlisten(sink);
        }
    }

    /** Where the recording is written on {@link #close()}. */
    public Path file() {
        return file;
    }

    /**
     * Detaches every machine, stops the recording and writes the file. Closing twice does nothing.
     *
     * @throws IOException naming the file if it could not be written
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (Machine m : List.copyOf(machines)) {
            detach(m);
        }
        try {
            recording.setDestination(null); // written by dump below, which reports a failure
            recording.stop();
            recording.dump(file);
        } catch (IOException | SecurityException e) {
            throw new IOException("cannot write the JFR recording to " + file.toAbsolutePath() + ": " + reason(e), e);
        } finally {
            recording.close();
        }
    }

    /** Why a path could not be written, in words: the file system exceptions' messages are just the path. */
    private static String reason(Exception e) {
        return switch (e) {
            case NoSuchFileException x -> "no such directory";
            case AccessDeniedException x -> "permission denied";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
