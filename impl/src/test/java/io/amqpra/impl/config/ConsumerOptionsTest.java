package io.amqpra.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConsumerOptionsTest {

    private static ConsumerOptions consuming(Integer concurrency, Integer credit, boolean ordered) throws Exception {
        PropertyValues values = new PropertyValues(PropertyValues.Scope.ACTIVATION);
        values.set(ConsumerProperties.ADDRESS, "orders");
        if (concurrency != null) {
            values.set(ListenerProperties.MAX_CONCURRENCY, concurrency);
        }
        if (credit != null) {
            values.set(ListenerProperties.LINK_CREDIT, credit);
        }
        values.set(ConsumerProperties.ORDERED, ordered);
        return ConsumerOptions.from(values);
    }

    @Test
    void aBeanAloneStillGetsCreditForABatchOfMessagesWaiting() throws Exception {
        assertEquals(100, consuming(1, null, false).linkCredit());
        assertEquals(100, consuming(null, null, false).linkCredit()); // maxConcurrency 10 by default
        assertEquals(150, consuming(15, null, false).linkCredit());
        assertEquals(1000, consuming(500, null, false).linkCredit());
    }

    @Test
    void whatTheBeanSetsWinsAndOrderedTakesOneAtATime() throws Exception {
        assertEquals(7, consuming(1, 7, false).linkCredit());
        assertEquals(1, consuming(15, null, true).linkCredit());
    }
}
