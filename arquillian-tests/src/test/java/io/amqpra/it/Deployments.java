package io.amqpra.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives a user deploys: the rar as built, and an application that uses it. */
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
}
