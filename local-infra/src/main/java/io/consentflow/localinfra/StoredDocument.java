package io.consentflow.localinfra;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * A stored document as the bytes it is stored as ({@link BsonDataTypes#encode}). A collection's map holds these, not
 * decoded documents: MVStore writes a changed B-tree page whole, and with decoded documents every write re-encoded
 * every document of the leaf (8) although one had changed, a quarter of the wire server's CPU on a store of 12,000
 * opt-ins (docs/performance.md), and the page cache held the larger decoded form, counted at a guess. Each read
 * decodes a fresh instance, so no command can change what a page holds.
 */
record StoredDocument(byte[] bytes) {

    static StoredDocument of(Document document) {
        return new StoredDocument(BsonDataTypes.encode(document));
    }

    Document document() {
        return (Document) BsonDataTypes.decode(bytes, false);
    }

    /** The values of a collection's map: each document's stored bytes, written as they are. */
    static final class Type extends BasicDataType<StoredDocument> {

        static final Type INSTANCE = new Type();

        private Type() {
        }

        @Override
        public int getMemory(StoredDocument document) {
            return 32 + document.bytes().length;
        }

        @Override
        public void write(WriteBuffer buffer, StoredDocument document) {
            buffer.putVarInt(document.bytes().length).put(document.bytes());
        }

        @Override
        public StoredDocument read(ByteBuffer buffer) {
            byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
            buffer.get(bytes);
            return new StoredDocument(bytes);
        }

        @Override
        public StoredDocument[] createStorage(int size) {
            return new StoredDocument[size];
        }
    }
}
