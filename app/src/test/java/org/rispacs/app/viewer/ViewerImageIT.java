package org.rispacs.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.eventually;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.security.Role;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Images reach the radiologist's screen (issue #20): a CT image sent by dcmtk's storescu, matched
 * to its order and ready to read, opens from the reading page in the OHIF viewer, which fetches
 * it over our DICOMweb service and draws it; the patient's prior, listed on the page with its
 * report's impression, opens beside it in a second viewport. Needs the DICOMweb endpoints and the
 * archive read model.
 */
@Tag("dcmtk")
class ViewerImageIT extends PageTest {

    private static final String PASSWORD = "viewer-image-password";
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final int SIZE = 64;
    private static final String WATCH_POLICY = "window.policyViolations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.policyViolations.push("
            + "e.violatedDirective + ' ' + e.blockedURI));";
    /** The number of the viewports' canvases, each counted only when it shows non-black pixels. */
    private static final String DRAWN_VIEWPORTS = "return [...document.querySelectorAll('canvas.cornerstone-canvas')]"
            + ".filter(c => c.width > 0 && c.height > 0).filter(c => {"
            + "  const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "  let lit = 0; for (let i = 0; i < pixels.length; i += 4) {"
            + "    if (pixels[i] + pixels[i + 1] + pixels[i + 2] > 30) { lit++; } }"
            + "  return lit > 100; }).length;";

    @Autowired
    DicomServer dicom;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    @BeforeAll
    void setUpUsers() {
        user("rad-image", "Dr Ida Image", PASSWORD, Role.RADIOLOGIST);
    }

    @Test
    void theStudyOpensFromTheReadingPageAndItsPriorBesideIt() throws Exception {
        TestDepartment department = new TestDepartment(commands, eventStore, "viewer-image-it");
        PatientIdentifier patient = department.patient("Image", "Irene");
        String priorOrder = department.order(patient, "CT");
        String prior = store(department, patient, priorOrder, "20250102", "CT chest (prior)", 0);
        department.send(new DraftReportCommand("report-" + priorOrder, priorOrder, prior,
                new Actor("rad-prior", "Dr Paul Prior", ClinicalRole.RADIOLOGIST),
                "FINDINGS: Small nodule, right upper lobe.\nIMPRESSION:\nStable 4 mm nodule.\nRECOMMENDATION: none"));
        String currentOrder = department.order(patient, "CT");
        String study = store(department, patient, currentOrder, "20261201", "CT chest", 1);
        eventually(() -> item(currentOrder), found -> found != null && found.priorStudyUids() != null
                && found.priorStudyUids().contains(prior));

        ChromeDriver driver = (ChromeDriver) browser.driver();
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_POLICY));
        browser.signIn("rad-image", PASSWORD);
        browser.open("/reading/studies/" + currentOrder);
        WebElement row = browser.find(By.cssSelector("#priors tr[data-study-uid='" + prior + "']"));
        assertThat(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .startsWith("2025-01-02", "CT", "CT chest (prior)", "Stable 4 mm nodule.");

        String reading = driver.getWindowHandle();
        browser.find(By.id("open-images")).click();
        browser.waitFor(d -> d.getWindowHandles().size() == 2);
        String viewer = otherWindow(driver, reading);
        driver.switchTo().window(viewer);
        browser.waitFor(d -> d.getCurrentUrl().contains(study) && drawnViewports(d) >= 1);
        // the policy watcher is set per window: set in the viewer's too, and the study opened again under it
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_POLICY));
        driver.navigate().refresh();
        browser.waitFor(d -> d.getCurrentUrl().contains(study) && drawnViewports(d) >= 1);
        assertThat(policyViolations(driver)).isEmpty();

        driver.switchTo().window(reading);
        browser.find(By.cssSelector("#priors tr[data-study-uid='" + prior + "'] a.open-beside")).click();
        // the same viewer window, now with both studies side by side
        browser.waitFor(d -> d.getWindowHandles().size() == 2);
        assertThat(otherWindow(driver, reading)).isEqualTo(viewer);
        driver.switchTo().window(viewer);
        browser.waitFor(d -> d.getCurrentUrl().contains(prior) && drawnViewports(d) >= 2);
        browser.screenshot("viewer");
        assertThat(policyViolations(driver)).isEmpty();
        List<String> elsewhere = resources(driver).stream()
                .filter(url -> !url.startsWith("http://127.0.0.1:" + port + "/")).toList();
        assertThat(elsewhere).as("requests leaving the machine").isEmpty();
    }

    /** A CT image of a gradient sent by storescu, matched to its order, committed and completed: ready to read. */
    private String store(TestDepartment department, PatientIdentifier patient, String orderId, String date,
                         String description, int index) throws Exception {
        String study = TestDepartment.newStudyUid();
        Attributes image = new Attributes();
        image.setString(Tags.SOPClassUID, VR.UI, CT);
        image.setString(Tags.SOPInstanceUID, VR.UI, study + ".1.1");
        image.setString(Tags.StudyDate, VR.DA, date);
        image.setString(Tags.StudyTime, VR.TM, "120000");
        image.setString(Tags.AccessionNumber, VR.SH, department.accessionOf(orderId));
        image.setString(Tags.Modality, VR.CS, "CT");
        image.setString(Tags.StudyDescription, VR.LO, description);
        image.setString(Tags.SeriesDescription, VR.LO, "Axial");
        image.setString(Tags.PatientName, VR.PN, "Image^Irene");
        image.setString(Tags.PatientID, VR.LO, patient.id());
        image.setString(Tags.IssuerOfPatientID, VR.LO, patient.issuer());
        image.setString(Tags.StudyInstanceUID, VR.UI, study);
        image.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        image.setString(Tags.StudyID, VR.SH, "S" + index);
        image.setString(Tags.SeriesNumber, VR.IS, "1");
        image.setString(Tags.InstanceNumber, VR.IS, "1");
        image.setString(Tags.ImagePositionPatient, VR.DS, "0", "0", "0");
        image.setString(Tags.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        image.setString(Tags.PixelSpacing, VR.DS, "1", "1");
        image.setString(Tags.SliceThickness, VR.DS, "1");
        image.setInt(Tags.SamplesPerPixel, VR.US, 1);
        image.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        image.setInt(Tags.Rows, VR.US, SIZE);
        image.setInt(Tags.Columns, VR.US, SIZE);
        image.setInt(Tags.BitsAllocated, VR.US, 16);
        image.setInt(Tags.BitsStored, VR.US, 16);
        image.setInt(Tags.HighBit, VR.US, 15);
        image.setInt(Tags.PixelRepresentation, VR.US, 0);
        image.setString(Tags.RescaleIntercept, VR.DS, "0");
        image.setString(Tags.RescaleSlope, VR.DS, "1");
        image.setString(Tags.WindowCenter, VR.DS, "2000");
        image.setString(Tags.WindowWidth, VR.DS, "4000");
        byte[] pixels = new byte[SIZE * SIZE * 2];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int value = (x + y) * 4000 / (2 * SIZE);
                pixels[2 * (y * SIZE + x)] = (byte) value;
                pixels[2 * (y * SIZE + x) + 1] = (byte) (value >> 8);
            }
        }
        image.setBytes(Tags.PixelData, VR.OW, pixels);
        Path file = work.resolve("image-" + index + ".dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(DicomWriter.createFileMetaInformation(CT, study + ".1.1",
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "1.2.826.0.1.3680043.10.1", "TEST", "T"), image);
        }
        assertThat(DcmtkTools.run("storescu", "-v", "-aet", "CT1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(dicom.port()), file.toString())).contains("Received Store Response (Success)");
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        department.commit(study);
        department.send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        eventually(() -> item(orderId), found -> found != null && found.waitingSince() != null);
        return study;
    }

    private static String otherWindow(WebDriver driver, String reading) {
        return driver.getWindowHandles().stream().filter(handle -> !handle.equals(reading)).findFirst()
                .orElseThrow();
    }

    private static long drawnViewports(WebDriver driver) {
        return ((Number) ((JavascriptExecutor) driver).executeScript(DRAWN_VIEWPORTS)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> policyViolations(WebDriver driver) {
        return (List<Object>) ((JavascriptExecutor) driver).executeScript("return window.policyViolations;");
    }

    @SuppressWarnings("unchecked")
    private static List<String> resources(WebDriver driver) {
        return ((List<Object>) ((JavascriptExecutor) driver).executeScript("return performance"
                + ".getEntriesByType('resource').map(e => e.name);")).stream().map(String::valueOf).toList();
    }

    private ReadingWorklistItem item(String orderId) {
        return queries.query(new FindReadingWorklistItemQuery(orderId),
                ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join().orElse(null);
    }
}
