package io.jnetdev.cli.livelock;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The chart: delivered against offered frames per second, one line per configuration, the offered
 * rate itself (y = x) as a dashed reference, offered on a log axis (the sweep spans two decades per
 * card), delivered on a linear one (so a falling line reads as the loss it is). Written as SVG
 * (JFreeSVG) and PNG (JFreeChart's encoder), headless.
 */
final class LivelockChart {
    static final String SVG = "livelock.svg";
    static final String PNG = "livelock.png";
    static final int WIDTH = 1000;
    static final int HEIGHT = 640;
    /** The reference line's label in the legend. */
    static final String REFERENCE = "offered (y = x)";
    /** One colour per configuration, in {@link LivelockConfig#ALL} order; the SVG test tells lines apart by them. */
    static final Color[] COLORS = {new Color(0xD6, 0x27, 0x28), new Color(0x8C, 0x56, 0x4B), new Color(0x1F, 0x77, 0xB4),
        new Color(0x17, 0xBE, 0xCF), new Color(0x2C, 0xA0, 0x2C), new Color(0xBC, 0xBD, 0x22), new Color(0x94, 0x67, 0xBD),
        new Color(0xE3, 0x77, 0xC2)};
    static final Color REFERENCE_COLOR = new Color(0x99, 0x99, 0x99);

    private LivelockChart() {}

    /** The colour of the {@code index}-th configuration drawn. */
    static Color color(int index) {
        return COLORS[index % COLORS.length];
    }

    static JFreeChart chart(List<String> configs, List<LivelockPoint> points, String costModel, int cpus) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        double maxOffered = 0;
        double minOffered = Double.MAX_VALUE;
        double maxDelivered = 0;
        for (String c : configs) {
            XYSeries s = new XYSeries(c, true, true);
            for (LivelockPoint p : points) {
                if (p.config().equals(c)) {
                    s.add(p.offeredFps(), p.deliveredFps());
                    maxOffered = Math.max(maxOffered, p.offeredFps());
                    minOffered = Math.min(minOffered, p.offeredFps());
                    maxDelivered = Math.max(maxDelivered, p.deliveredFps());
                }
            }
            data.addSeries(s);
        }
        // y = x is a curve on a log-linear plot: drawn through enough points to look like one
        XYSeries reference = new XYSeries(REFERENCE, true, false);
        int steps = 200;
        for (int i = 0; i <= steps; i++) {
            double v = minOffered * Math.pow(maxOffered / minOffered, (double) i / steps);
            reference.add(v, v);
        }
        data.addSeries(reference);

        LogAxis x = new LogAxis("offered load (frames/s, 60-byte frames)");
        x.setSmallestValue(1);
        x.setRange(minOffered * 0.8, maxOffered * 1.25);
        x.setTickUnit(new NumberTickUnit(1.0)); // one tick per decade, written out in full
        x.setMinorTickCount(9);
        x.setMinorTickMarksVisible(true);
        x.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
        NumberAxis y = new NumberAxis("delivered to the protocol (frames/s)");
        y.setRange(0, Math.max(1, maxDelivered) * 1.35); // the y = x line leaves the top: above it is only the offered load
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDrawSeriesLineAsPath(true); // one path per configuration in the SVG
        for (int i = 0; i < configs.size(); i++) {
            r.setSeriesPaint(i, color(i));
            r.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        int ref = configs.size();
        r.setSeriesPaint(ref, REFERENCE_COLOR);
        r.setSeriesStroke(ref, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        r.setSeriesShapesVisible(ref, false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        String title = String.format("Receive livelock: delivered vs offered (%s, %d CPU%s)", costModel, cpus, cpus == 1 ? "" : "s");
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static Path writeSvg(Path dir, JFreeChart chart) throws IOException {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        Path file = dir.resolve(SVG);
        Files.writeString(file, g2.getSVGDocument(), StandardCharsets.UTF_8);
        return file;
    }

    static Path writePng(Path dir, JFreeChart chart) throws IOException {
        Path file = dir.resolve(PNG);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
