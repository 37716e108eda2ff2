package io.amqpra.payara;

import java.io.File;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives a Payara user deploys, as the README's Payara section has them: the rar as built
 * (module name {@value #RAR_MODULE}), and web applications that carry their own Payara
 * descriptors: {@code glassfish-resources.xml} for the connection factory,
 * {@code glassfish-ejb-jar.xml} to bind message-driven beans to the rar.
 */
public final class Deployments {

    /** The rar's module name in Payara: its file name without {@code .rar}. */
    public static final String RAR_MODULE = "amqp-ra";

    /** Where {@link #connectionFactory} binds the application's connection factory. */
    public static final String FACTORY = "java:app/amqp/ConnectionFactory";

    private Deployments() {
    }

    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class,
                new File(System.getProperty("rar.path"))).as(ResourceAdapterArchive.class);
    }

    /** A web application; Payara gives it the rar's classes because it refers to the rar. */
    public static WebArchive app(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name).addClasses(classes);
    }

    /**
     * A {@code glassfish-resources.xml} with one pool of the rar's connections and the connection
     * factory {@value #FACTORY} over it, set with these connection properties.
     */
    public static StringAsset connectionFactory(Map<String, String> properties) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE resources PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Resource Definitions//EN"
                    "http://glassfish.org/dtds/glassfish-resources_1_5.dtd">
                <resources>
                  <connector-connection-pool name="java:app/amqp/Pool" resource-adapter-name="%s"
                      connection-definition-name="io.amqpra.api.AmqpConnectionFactory"
                      transaction-support="LocalTransaction" steady-pool-size="0" max-pool-size="20">
                """.formatted(RAR_MODULE));
        properties.forEach((name, value) ->
                xml.append("    <property name=\"").append(name).append("\" value=\"").append(value).append("\"/>\n"));
        xml.append("""
                  </connector-connection-pool>
                  <connector-resource jndi-name="%s" pool-name="java:app/amqp/Pool"/>
                </resources>
                """.formatted(FACTORY));
        return new StringAsset(xml.toString());
    }

    /**
     * A {@code glassfish-ejb-jar.xml} that binds each bean to the rar, with the activation config
     * properties given for it (bean name to properties).
     */
    public static StringAsset mdbBindings(Map<String, Map<String, String>> beans) {
        StringBuilder ejbs = new StringBuilder();
        beans.forEach((bean, properties) -> {
            ejbs.append("    <ejb>\n      <ejb-name>").append(bean).append("</ejb-name>\n")
                    .append("      <mdb-resource-adapter>\n")
                    .append("        <resource-adapter-mid>").append(RAR_MODULE).append("</resource-adapter-mid>\n")
                    .append("        <activation-config>\n");
            properties.forEach((name, value) -> ejbs.append("""
                              <activation-config-property>
                                <activation-config-property-name>%s</activation-config-property-name>
                                <activation-config-property-value>%s</activation-config-property-value>
                              </activation-config-property>
                    """.formatted(name, value)));
            ejbs.append("        </activation-config>\n      </mdb-resource-adapter>\n    </ejb>\n");
        });
        return new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE glassfish-ejb-jar PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN"
                    "http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd">
                <glassfish-ejb-jar>
                  <enterprise-beans>
                %s  </enterprise-beans>
                </glassfish-ejb-jar>
                """.formatted(ejbs));
    }
}
