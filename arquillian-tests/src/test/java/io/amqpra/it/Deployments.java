package io.amqpra.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives a user deploys: the rar as built, and applications that use it. */
public final class Deployments {

    public static final String RAR = "amqp-ra.rar";

    private Deployments() {
    }

    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class,
                new File(System.getProperty("rar.path"))).as(ResourceAdapterArchive.class);
    }

    /** A web application that sees the rar's API through its manifest, as the README says. */
    public static WebArchive app(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(classes)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment." + RAR + "\n"));
    }

    /**
     * A jboss-ejb3.xml that binds every MDB of the deployment to the rar and sets where each
     * listens: triples of bean name, host and port.
     */
    public static String mdbBindings(Object... beanHostPort) {
        java.util.List<Mdb> mdbs = new java.util.ArrayList<>();
        for (int i = 0; i < beanHostPort.length; i += 3) {
            mdbs.add(new Mdb(String.valueOf(beanHostPort[i]), java.util.Map.of(
                    "host", String.valueOf(beanHostPort[i + 1]), "port", String.valueOf(beanHostPort[i + 2]))));
        }
        return mdbBindings(mdbs);
    }

    /** A bean and the activation config properties its deployment descriptor sets. */
    public record Mdb(String name, java.util.Map<String, String> properties) {
    }

    public static String mdbBindings(java.util.List<Mdb> mdbs) {
        StringBuilder beans = new StringBuilder();
        for (Mdb mdb : mdbs) {
            beans.append("    <message-driven>\n")
                    .append("      <ejb-name>").append(mdb.name()).append("</ejb-name>\n")
                    .append("      <activation-config>\n");
            mdb.properties().forEach((k, v) -> beans.append(property(k, v)));
            beans.append("      </activation-config>\n")
                    .append("    </message-driven>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<jboss:ejb-jar xmlns:jboss=\"http://www.jboss.com/xml/ns/javaee\"\n"
                + "               xmlns=\"http://java.sun.com/xml/ns/javaee\"\n"
                + "               xmlns:mdb=\"urn:resource-adapter-binding\"\n"
                + "               version=\"3.1\" impl-version=\"2.0\">\n"
                + "  <jboss:enterprise-beans>\n" + beans + "  </jboss:enterprise-beans>\n"
                + "  <assembly-descriptor>\n"
                + "    <mdb:resource-adapter-binding>\n"
                + "      <ejb-name>*</ejb-name>\n"
                + "      <mdb:resource-adapter-name>" + RAR + "</mdb:resource-adapter-name>\n"
                + "    </mdb:resource-adapter-binding>\n"
                + "  </assembly-descriptor>\n"
                + "</jboss:ejb-jar>\n";
    }

    private static String property(String name, Object value) {
        return "        <activation-config-property>\n"
                + "          <activation-config-property-name>" + name + "</activation-config-property-name>\n"
                + "          <activation-config-property-value>" + value + "</activation-config-property-value>\n"
                + "        </activation-config-property>\n";
    }
}
