package io.consentflow.gateway.domain;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.consentflow.rules.contact.PhoneNumbers;
import java.time.ZoneId;
import java.util.List;

/**
 * A small, bounded memo of {@link PhoneNumbers} verdicts keyed by the E.164 string, so a recipient messaged again
 * (confirmation, service replies, redeliveries, several campaigns) is not parsed by libphonenumber each time.
 * Direct-mapped: a fixed array of {@code capacity} slots, a new number overwrites whatever shared its slot, so it
 * never holds more than {@code capacity} numbers. Numbers are personal data: kept in memory only, never logged (the
 * entries have no toString) and not exposed.
 */
public final class CheckedNumbers {

    /** A valid number; its time zones are looked up on first use (marketing only) and then kept. */
    public static final class Valid {
        private final PhoneNumber number;
        private volatile List<ZoneId> zones;

        private Valid(PhoneNumber number) {
            this.number = number;
        }

        public List<ZoneId> zones() {
            List<ZoneId> known = zones;
            if (known == null) {
                // racing threads compute the same immutable list: harmless
                known = PhoneNumbers.zones(number);
                zones = known;
            }
            return known;
        }
    }

    /** Immutable, so a slot read without a lock sees a whole entry (final fields). */
    private static final class Entry {
        final String e164;
        final Valid valid; // null: not a valid number

        Entry(String e164, Valid valid) {
            this.e164 = e164;
            this.valid = valid;
        }
    }

    private final Entry[] slots;
    private final int mask;

    /** @param capacity at most this many numbers are held (rounded up to a power of two) */
    public CheckedNumbers(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        this.slots = new Entry[size];
        this.mask = size - 1;
    }

    /** The valid number, or null when {@code e164} is not a valid E.164 number (same verdict as PhoneNumbers.parse). */
    public Valid check(String e164) {
        if (!PhoneNumbers.plausible(e164)) {
            return null; // refused without touching the memo
        }
        int h = e164.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        Entry entry = slots[slot];
        if (entry != null && entry.e164.equals(e164)) {
            return entry.valid;
        }
        Valid valid = PhoneNumbers.parsePlausible(e164).map(Valid::new).orElse(null);
        slots[slot] = new Entry(e164, valid);
        return valid;
    }

    /** How many numbers are held now (for tests: never more than the capacity). */
    int size() {
        int n = 0;
        for (Entry entry : slots) {
            n += entry == null ? 0 : 1;
        }
        return n;
    }

    int capacity() {
        return slots.length;
    }
}
