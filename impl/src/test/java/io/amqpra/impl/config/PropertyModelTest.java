package io.amqpra.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.inbound.AmqpActivationSpec;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The property model is the one declaration of each property: the JavaBeans the container
 * configures, the rar's descriptor and the README must agree with it, and this test says where
 * they do not.
 */
class PropertyModelTest {

    @Test
    void everyDeclaredPropertyIsListedOnceInItsCatalogue() throws Exception {
        assertCatalogue(ConnectionProperties.class, ConnectionProperties.ALL);
        assertCatalogue(ListenerProperties.class, ListenerProperties.ALL);
        assertCatalogue(ConsumerProperties.class, ConsumerProperties.ALL);
    }

    @Test
    void theConnectionFactoryHasAnAccessorPairForEachPropertyAndNoOther() {
        assertBeanMatches(AmqpManagedConnectionFactory.class, ConnectionProperties.ALL);
    }

    @Test
    void theActivationSpecHasAnAccessorPairForEachPropertyAndNoOther() {
        assertBeanMatches(AmqpActivationSpec.class, activationProperties());
    }

    @Test
    void aNameTheActivationModesShareHasOneType() {
        Map<String, Class<?>> types = new TreeMap<>();
        for (Property<?> p : all(ListenerProperties.ALL, ConnectionProperties.ALL, ConsumerProperties.ALL)) {
            Class<?> before = types.putIfAbsent(p.name(), p.type());
            assertTrue(before == null || before == p.type(), p + " has two types");
        }
    }

    /** Every property of the activation spec, once by name: the modes share some names. */
    private static List<Property<?>> activationProperties() {
        Map<String, Property<?>> byName = new TreeMap<>();
        all(ListenerProperties.ALL, ConnectionProperties.ALL, ConsumerProperties.ALL).stream()
                .filter(p -> !ConnectionProperties.FACTORY_ONLY.contains(p))
                .forEach(p -> byName.putIfAbsent(p.name(), p));
        return new ArrayList<>(byName.values());
    }

    @SafeVarargs
    private static List<Property<?>> all(List<Property<?>>... lists) {
        List<Property<?>> all = new ArrayList<>();
        for (List<Property<?>> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    @Test
    void everyDefaultPassesItsOwnCheck() throws Exception {
        for (Property<?> p : ConnectionProperties.ALL) {
            p.get(new PropertyValues(PropertyValues.Scope.CONNECTION_FACTORY));
        }
        for (Property<?> p : ListenerProperties.ALL) {
            p.get(new PropertyValues(PropertyValues.Scope.ACTIVATION));
        }
        for (Property<?> p : ConsumerProperties.ALL) {
            if (p != ConsumerProperties.ADDRESS) { // required in connect mode: it has no default
                p.get(new PropertyValues(PropertyValues.Scope.ACTIVATION));
            }
        }
    }

    @Test
    void connectionFactoriesAreEqualExactlyWhenEveryPropertyIs() throws Exception {
        for (Property<?> p : ConnectionProperties.ALL) {
            AmqpManagedConnectionFactory a = new AmqpManagedConnectionFactory();
            AmqpManagedConnectionFactory b = new AmqpManagedConnectionFactory();
            assertEquals(a, b);
            setter(AmqpManagedConnectionFactory.class, p).invoke(a, sample(p));
            assertNotEquals(a, b, p + " must take part in equals");
            setter(AmqpManagedConnectionFactory.class, p).invoke(b, sample(p));
            assertEquals(a, b, p.name());
            assertEquals(a.hashCode(), b.hashCode(), p.name());
        }
    }

    @Test
    void theRarDescriptorUsesTheModelsNamesAndDefaults() throws Exception {
        String xml = Files.readString(Path.of("../rar/src/main/rar/META-INF/ironjacamar.xml"));
        Matcher m = Pattern.compile("<config-property name=\"(\\w+)\">\\$\\{amqp\\.(\\w+):([^}]*)}</config-property>")
                .matcher(xml.substring(xml.indexOf("<connection-definition ")));
        int seen = 0;
        while (m.find()) {
            Property<?> p = byName(ConnectionProperties.ALL, m.group(1));
            assertEquals(p.name(), m.group(2), "system property name of " + p);
            assertTrue(names(p.defaultValue(), m.group(3)), "default of " + p + " in ironjacamar.xml: " + m.group(3));
            seen++;
        }
        assertTrue(seen >= 20, "found " + seen + " connection properties in ironjacamar.xml");
    }

    @Test
    void theReadmeDocumentsEveryPropertyWithItsDefault() throws Exception {
        Map<String, String> rows = readmeRows(Files.readString(Path.of("../README.md")));
        List<String> problems = new ArrayList<>();
        for (Property<?> p : all(ConnectionProperties.ALL, ListenerProperties.ALL, ConsumerProperties.ALL)) {
            String row = rows.get(p.name());
            if (row == null) {
                problems.add(p.name() + " has no row in a README table");
            } else if (p.defaultValue() != null && !names(p.defaultValue(), row)) {
                problems.add(p.name() + ": README row '" + row + "' does not give the default " + text(p.defaultValue()));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The default column of each table row, by every property name the row's first cell lists. */
    private static Map<String, String> readmeRows(String readme) {
        Map<String, String> rows = new TreeMap<>();
        Pattern name = Pattern.compile("`(\\w+)`");
        for (String line : readme.split("\n")) {
            String[] cells = line.split("\\|");
            if (line.startsWith("| `") && cells.length > 3) {
                Matcher m = name.matcher(cells[1]);
                while (m.find()) {
                    // A name documented twice (listener and connection) keeps both defaults.
                    rows.merge(m.group(1), cells[2], (a, b) -> a + " / " + b);
                }
            }
        }
        return rows;
    }

    private static void assertCatalogue(Class<?> catalogue, List<Property<?>> all) throws Exception {
        Set<String> names = new HashSet<>();
        Set<Property<?>> declared = new HashSet<>();
        for (Field f : catalogue.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Property.class) {
                declared.add((Property<?>) f.get(null));
            }
        }
        for (Property<?> p : all) {
            assertTrue(names.add(p.name()), "declared twice: " + p);
        }
        assertEquals(declared, new HashSet<>(all), catalogue.getSimpleName() + ".ALL lists every property");
    }

    private static void assertBeanMatches(Class<?> bean, List<Property<?>> all) {
        Set<String> annotated = new HashSet<>();
        for (Method m : bean.getMethods()) {
            ConfigProperty c = m.getAnnotation(ConfigProperty.class);
            if (c != null) {
                String property = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                Property<?> p = byName(all, property);
                assertEquals(p.type(), m.getParameterTypes()[0], "setter type of " + p);
                assertEquals(p.confidential(), c.confidential(), "confidential flag of " + p);
                annotated.add(property);
            }
        }
        for (Property<?> p : all) {
            assertTrue(annotated.contains(p.name()), bean.getSimpleName() + " has no @ConfigProperty setter for " + p);
            assertNotNull(getter(bean, p), bean.getSimpleName() + " has no getter for " + p);
        }
    }

    private static Property<?> byName(List<Property<?>> all, String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("'" + name + "' is not a declared property"));
    }

    private static Method setter(Class<?> bean, Property<?> p) throws NoSuchMethodException {
        return bean.getMethod("set" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1), p.type());
    }

    private static Method getter(Class<?> bean, Property<?> p) {
        try {
            Method m = bean.getMethod("get" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1));
            return m.getReturnType() == p.type() ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object sample(Property<?> p) {
        Class<?> t = p.type();
        return t == String.class ? "sample-" + p.name() : t == Integer.class ? 7 : t == Long.class ? 7L
                : t == Double.class ? 0.5 : Boolean.FALSE;
    }

    /** Whether {@code text} gives {@code value}: {@code 0} and {@code 2.0} both name a double. */
    private static boolean names(Object value, String text) {
        if (value instanceof Double d && d == Math.rint(d) && text.contains(String.valueOf(d.longValue()))) {
            return true;
        }
        return text.contains(text(value));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
