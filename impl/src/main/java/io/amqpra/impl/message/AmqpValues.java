package io.amqpra.impl.message;

import io.amqpra.api.AmqpSymbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.UnsignedShort;

/**
 * Converts values between the API's Java types and Proton-J's AMQP types, recursively through
 * lists and maps.
 */
final class AmqpValues {

    private AmqpValues() {
    }

    static Object toProton(Object value) {
        if (value == null || value instanceof String || value instanceof Number
                || value instanceof Boolean || value instanceof Character
                || value instanceof UUID) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return new Binary(bytes.clone());
        }
        if (value instanceof AmqpSymbol symbol) {
            return Symbol.valueOf(symbol.value());
        }
        if (value instanceof Instant instant) {
            return new Date(instant.toEpochMilli());
        }
        if (value instanceof Date) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(toProton(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(toProton(k), toProton(v)));
            return out;
        }
        throw new IllegalArgumentException("No AMQP type for " + value.getClass().getName()
                + "; use String, a number, Boolean, Character, UUID, Instant, byte[], AmqpSymbol,"
                + " List or Map");
    }

    static Object fromProton(Object value) {
        if (value instanceof Binary binary) {
            return binary.getArray().length == binary.getLength() && binary.getArrayOffset() == 0
                    ? binary.getArray() : Arrays.copyOfRange(binary.getArray(),
                    binary.getArrayOffset(), binary.getArrayOffset() + binary.getLength());
        }
        if (value instanceof Symbol symbol) {
            return new AmqpSymbol(symbol.toString());
        }
        if (value instanceof Date date) {
            return Instant.ofEpochMilli(date.getTime());
        }
        if (value instanceof UnsignedByte u) {
            return u.shortValue();
        }
        if (value instanceof UnsignedShort u) {
            return u.intValue();
        }
        if (value instanceof UnsignedInteger u) {
            return u.longValue();
        }
        if (value instanceof UnsignedLong u) {
            return u.longValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(fromProton(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(fromProton(k), fromProton(v)));
            return out;
        }
        return value;
    }

    /** Message ids: a {@code Long} is an AMQP {@code ulong}, as the specification defines ids. */
    static Object idToProton(Object id) {
        if (id instanceof Long l) {
            return UnsignedLong.valueOf(l);
        }
        return toProton(id);
    }

    static Object idFromProton(Object id) {
        return fromProton(id);
    }
}
