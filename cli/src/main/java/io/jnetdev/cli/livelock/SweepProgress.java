package io.jnetdev.cli.livelock;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How the sweep shows its progress: a progress bar (me.tongfei:progressbar) when standard output
 * is a terminal, otherwise one plain line per configuration finished — what a log or a pipe can
 * hold.
 */
interface SweepProgress extends AutoCloseable {

    /** A point of {@code config} at {@code fps} is done. */
    void pointDone(String config, long fps, LivelockPoint p);

    /** Every point of {@code config} is done. */
    void configDone(String config);

    @Override
    void close();

    /** The bar on a terminal, else plain lines to {@code log}. */
    static SweepProgress forConsole(int totalPoints, PrintWriter log) {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            return new Bar(totalPoints);
        }
        return new Lines(log);
    }

    /** The progress bar, drawn on standard error so that the summary on standard output stays clean. */
    final class Bar implements SweepProgress {
        private final ProgressBar bar;

        Bar(int total) {
            bar = new ProgressBarBuilder().setTaskName("livelock").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200)
                    .continuousUpdate().build();
        }

        @Override
        public void pointDone(String config, long fps, LivelockPoint p) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "%s @ %,d fps", config, fps));
        }

        @Override
        public void configDone(String config) {
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Plain lines: one per configuration. */
    final class Lines implements SweepProgress {
        private final PrintWriter log;
        private int points;

        Lines(PrintWriter log) {
            this.log = log;
        }

        @Override
        public void pointDone(String config, long fps, LivelockPoint p) {
            points++;
        }

        @Override
        public void configDone(String config) {
            log.printf(Locale.ROOT, "livelock: %s done (%d points so far)%n", config, points);
            log.flush();
        }

        @Override
        public void close() {
        }
    }
}
