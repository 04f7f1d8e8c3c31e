import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the start-up splash (shown by the Java launcher itself, before the JVM starts, while JavaFX and the
 * window are still loading) at 1× and 2×: the app's icon beside its name. The images are kept in the
 * repository beside this program; run it again after changing the icon or the text:
 * {@code java installer/splash/SplashImage.java app/src/main/resources/org/layerlab/app/layerlab.png installer/splash}
 */
public class SplashImage {
    static final int WIDTH = 520, HEIGHT = 260;

    public static void main(String[] args) throws Exception {
        BufferedImage icon = ImageIO.read(new File(args[0]));
        for (int scale = 1; scale <= 2; scale++) {
            BufferedImage img = draw(icon, scale);
            ImageIO.write(img, "png", new File(args[1], scale == 1 ? "splash.png" : "splash@2x.png"));
        }
    }

    static BufferedImage draw(BufferedImage icon, int s) {
        BufferedImage img = new BufferedImage(WIDTH * s, HEIGHT * s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(s, s);
        // the icon's own navy, a little lighter towards the bottom
        g.setPaint(new GradientPaint(0, 0, new Color(0x1b2840), 0, HEIGHT, new Color(0x26375a)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(0x3a4f7a));
        g.drawRect(0, 0, WIDTH - 1, HEIGHT - 1);
        int side = 128;
        g.drawImage(icon, 40, (HEIGHT - side) / 2 - 8, side, side, null);
        int x = 40 + side + 32;
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 42));
        g.drawString("LayerLab", x, 118);
        g.setColor(new Color(0xb9c6e0));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        g.drawString("Draw neural networks", x, 148);
        g.drawString("and watch them learn", x, 170);
        g.setColor(new Color(0x8593b3));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("Starting…", 40, HEIGHT - 24);
        g.dispose();
        return img;
    }
}
