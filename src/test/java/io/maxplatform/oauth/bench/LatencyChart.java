package io.maxplatform.oauth.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The latency distributions as a PNG: latency (log scale) over the percentile, spread as HdrHistogram plots do
 * (each step right is ten times rarer: 90 %, 99 %, 99.9 %, 99.99 %), one line per measured run.
 */
final class LatencyChart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 640;
    private static final int LEFT = 80;
    private static final int RIGHT = 300;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    /** The x axis ends at 99.99 %: 1 / (1 − p) = 10^4. The maximum is drawn there too. */
    private static final double X_DECADES = 4;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    record Line(String label, Map<Double, Double> latencyMs) {
    }

    private LatencyChart() {
    }

    static void write(String title, List<Line> lines, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double maxMs = lines.stream().flatMap(l -> l.latencyMs().values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        double minMs = lines.stream().flatMap(l -> l.latencyMs().values().stream()).mapToDouble(Double::doubleValue)
                .filter(v -> v > 0).min().orElse(0.1);
        double yLow = Math.floor(Math.log10(Math.max(minMs, 0.01)));
        double yHigh = Math.ceil(Math.log10(maxMs));

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int decade = 0; decade <= X_DECADES; decade++) {
            int x = LEFT + (int) (plotWidth * decade / X_DECADES);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, TOP, x, TOP + plotHeight);
            g.setColor(Color.DARK_GRAY);
            String label = decade == 0 ? "0 %" : (100 - 100 / Math.pow(10, decade)) + " %";
            g.drawString(label, x - 20, TOP + plotHeight + 20);
        }
        g.drawString("percentile", LEFT + plotWidth / 2 - 30, TOP + plotHeight + 45);
        for (double exponent = yLow; exponent <= yHigh; exponent++) {
            int y = y(Math.pow(10, exponent), yLow, yHigh, plotHeight);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            double value = Math.pow(10, exponent);
            g.drawString((value < 1 ? String.valueOf(value) : String.valueOf((long) value)) + " ms", 10, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);

        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            g.setColor(COLOURS[i % COLOURS.length]);
            g.setStroke(new BasicStroke(2f));
            Path2D path = new Path2D.Double();
            boolean first = true;
            for (Map.Entry<Double, Double> point : line.latencyMs().entrySet()) {
                double decades = point.getKey() >= 100 ? X_DECADES : Math.min(X_DECADES, Math.log10(100 / (100 - point.getKey())));
                double x = LEFT + plotWidth * decades / X_DECADES;
                double y = y(Math.max(point.getValue(), Math.pow(10, yLow)), yLow, yHigh, plotHeight);
                if (first) {
                    path.moveTo(x, y);
                    first = false;
                } else {
                    path.lineTo(x, y);
                }
            }
            g.draw(path);
            int legendY = TOP + 20 + i * 22;
            g.fillRect(WIDTH - RIGHT + 20, legendY - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(line.label(), WIDTH - RIGHT + 40, legendY);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static int y(double ms, double yLow, double yHigh, int plotHeight) {
        return TOP + (int) (plotHeight * (1 - (Math.log10(ms) - yLow) / (yHigh - yLow)));
    }
}
