package io.tributary.output.aws;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class SpareBodiesTest {
    @Test
    void givenBackBodiesAreReusedUpToTheLimitAndTheRestAreLeftToTheCollector() {
        AtomicInteger made = new AtomicInteger();
        SpareBodies<byte[]> spares = new SpareBodies<>(2, () -> {
            made.incrementAndGet();
            return new byte[8];
        });
        byte[] a = spares.take();
        byte[] b = spares.take();
        byte[] c = spares.take();
        assertEquals(3, made.get(), "nothing kept yet: three calls at once make three bodies");
        spares.give(a);
        spares.give(b);
        spares.give(c);   // over the limit: not kept
        byte[] first = spares.take();
        byte[] second = spares.take();
        assertSame(a, first);
        assertSame(b, second);
        byte[] third = spares.take();
        assertNotSame(c, third, "the body beyond the limit was not kept");
        assertEquals(4, made.get());
    }

    @Test
    void aLentBodyComesBackEvenWhenTheCallFails() {
        SpareBodies<byte[]> spares = new SpareBodies<>(1, () -> new byte[8]);
        byte[][] lent = new byte[1][];
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> spares.lend(b -> {
            lent[0] = b;
            throw new IllegalStateException("network down");
        }));
        assertSame(lent[0], spares.take());
    }
}
