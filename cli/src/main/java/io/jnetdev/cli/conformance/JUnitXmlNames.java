package io.jnetdev.cli.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Gives the JUnit XML that {@code LegacyXmlReportGeneratingListener} wrote the names a CI server
 * should show. The legacy format names a dynamic test by its factory method and position
 * ({@code conformance(KitConfig, TestReporter)[10][1]}); the kit's names ({@code R10 seed 1}) are
 * only in each test case's {@code system-out}, as {@code display-name: ...}. This moves them into
 * {@code name}, sets {@code classname} to {@code conformance.<module>}, and files the report as
 * {@code TEST-conformance-<module>.xml}, so several modules can report into one directory.
 */
final class JUnitXmlNames {
    private static final String WRITTEN = "TEST-junit-jupiter.xml";
    private static final String DISPLAY_NAME = "display-name: ";

    private JUnitXmlNames() {}

    /** The report's path for {@code module}. */
    static Path reportOf(Path reportsDir, String module) {
        return reportsDir.resolve("TEST-conformance-" + module + ".xml");
    }

    /** Renames the test cases of the report just written to {@code reportsDir} and files it for {@code module}. */
    static Path rename(Path reportsDir, String module) throws IOException {
        Path written = reportsDir.resolve(WRITTEN);
        Path renamed = reportOf(reportsDir, module);
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = f.newDocumentBuilder().parse(written.toFile());
            Element suite = doc.getDocumentElement();
            suite.setAttribute("name", "jnetdev conformance: " + module);
            NodeList cases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                c.setAttribute("classname", "conformance." + module);
                NodeList outs = c.getElementsByTagName("system-out");
                for (int j = 0; j < outs.getLength(); j++) {
                    String name = displayName(outs.item(j).getTextContent());
                    if (name != null) {
                        c.setAttribute("name", name);
                    }
                }
            }
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.CDATA_SECTION_ELEMENTS, "system-out system-err failure skipped");
            Path tmp = Files.createTempFile(reportsDir, "TEST-conformance-", ".xml.tmp");
            t.transform(new DOMSource(doc), new StreamResult(tmp.toFile()));
            Files.move(tmp, renamed, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(written);
        } catch (ParserConfigurationException | SAXException | TransformerException e) {
            throw new IOException("cannot rename the test cases of " + written + ": " + e.getMessage(), e);
        }
        return renamed;
    }

    private static String displayName(String systemOut) {
        for (String line : systemOut.split("\n")) {
            if (line.startsWith(DISPLAY_NAME)) {
                return line.substring(DISPLAY_NAME.length()).trim();
            }
        }
        return null;
    }
}
