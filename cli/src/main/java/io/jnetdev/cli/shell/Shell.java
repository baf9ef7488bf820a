package io.jnetdev.cli.shell;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.Machine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The console over a booted machine. Each line is one command with Linux's spelling, parsed by
 * picocli against {@link ShellCommands}. A bad line prints one clear sentence and the console
 * goes on; nothing in the machine changes because of it.
 */
public final class Shell implements AutoCloseable {
    private final PrintWriter out;
    private final CommandLine commandLine;
    private final ShellCommands commands;

    public Shell(Machine machine, PrintWriter out) {
        this.out = out;
        this.commands = new ShellCommands(machine, out, this::dispatch);
        this.commandLine = new CommandLine(commands);
        commandLine.setOut(out);
        commandLine.setErr(out);
        // ethtool's option letters (-i, -S, -G, ...) are read by EthtoolCommand itself, as the real tool's
        // table-driven parser does; picocli passes them through as words.
        commandLine.getSubcommands().get("ethtool").setUnmatchedOptionsArePositionalParams(true);
        // watch's own options come before the command it repeats; everything after belongs to that command
        // ("watch ip -s link" must not read -s as watch's).
        commandLine.getSubcommands().get("watch").setStopAtPositional(true);
        commandLine.setParameterExceptionHandler((ex, args) -> {
            String name = ex.getCommandLine().getCommandName();
            out.println(name + ": " + ex.getMessage() + " (try '" + name + " --help')");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parsed) -> {
            out.println(message(ex));
            return 1;
        });
    }

    private static String message(Exception ex) {
        if (ex instanceof ErrnoException e) {
            String m = e.getMessage();
            String prefix = e.errno() + ": ";
            return (m.startsWith(prefix) ? m.substring(prefix.length()) : m) + " (" + e.errno() + ")";
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    /** The prompt shown on a terminal. */
    public String prompt() {
        return "jnetdev# ";
    }

    /**
     * Runs one line. Blank lines and {@code #} comments do nothing.
     *
     * @return false when the line asks to leave ({@code exit}, {@code quit})
     */
    public boolean execute(String line) {
        List<String> words;
        try {
            words = tokenize(line);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.flush();
            return true;
        }
        if (words.isEmpty() || words.getFirst().startsWith("#")) {
            return true;
        }
        String name = words.getFirst();
        if (name.equals("exit") || name.equals("quit")) {
            return false;
        }
        dispatch(words);
        out.flush();
        return true;
    }

    /** Runs one command already split into words (the first names it); {@code watch} repeats through here. */
    private void dispatch(List<String> words) {
        String name = words.getFirst();
        if (!commandLine.getSubcommands().containsKey(name)) {
            out.println(name + ": command not found (type 'help' for the list)");
        } else {
            commandLine.execute(words.toArray(String[]::new));
            commands.afterCommand();
        }
    }

    /** The names the shell answers to, aliases included ({@code help} lists them all). */
    java.util.Set<String> commandNames() {
        return commandLine.getSubcommands().keySet();
    }

    /**
     * The one-line description {@code help} shows for {@code name}, empty when it has none: as
     * picocli's command list, the header when there is one, else the description.
     */
    String description(String name) {
        CommandLine.Model.UsageMessageSpec usage = commandLine.getSubcommands().get(name).getCommandSpec().usageMessage();
        String[] d = usage.header().length > 0 ? usage.header() : usage.description();
        return String.join(" ", d).replace("%n", " ").strip();
    }

    /**
     * Frames the {@code traffic} generators started in this shell have offered to {@code ifname}'s
     * wire so far: the "offered" side of the interface's conservation check.
     */
    public long offered(String ifname) {
        return commands.offered(ifname);
    }

    /** Ends what the session left running (captures are closed and summarised). */
    @Override
    public void close() {
        commands.close();
        out.flush();
    }

    /** Splits on blanks, honouring single and double quotes; {@code >} stands alone. */
    static List<String> tokenize(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else if (c == '>') {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                words.add(">");
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote");
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
