// Renders the application's SVG icon to the PNG sizes the freedesktop icon theme expects, at build time,
// so that only the SVG is kept in the repository.
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTextStream err(stderr);
    if (argc != 4) {
        err << "usage: dnstimeline_iconpng ICON.svg SIZE OUT.png\n";
        return 1;
    }
    QSvgRenderer renderer(QString::fromLocal8Bit(argv[1]));
    bool ok = false;
    const int size = QString::fromLatin1(argv[2]).toInt(&ok);
    if (!renderer.isValid() || !ok || size < 8 || size > 1024) {
        err << "dnstimeline_iconpng: cannot render " << argv[1] << " at size " << argv[2] << "\n";
        return 2;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    painter.end();
    if (!image.save(QString::fromLocal8Bit(argv[3]), "PNG")) {
        err << "dnstimeline_iconpng: cannot write " << argv[3] << "\n";
        return 2;
    }
    return 0;
}
