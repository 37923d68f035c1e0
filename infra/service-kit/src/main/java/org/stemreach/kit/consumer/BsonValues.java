package org.stemreach.kit.consumer;

import com.mongodb.MongoClientSettings;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;

import java.util.Collection;
import java.util.Date;

/**
 * Plain Java values as BSON values, for documents built as {@link BsonDocument}s from the start: the driver
 * encodes those without looking up a codec for every value, which is most of the work when a batch writes
 * thousands of small updates. The types are those {@link Document} would have written; anything else goes
 * through the driver's default codecs, so the stored documents are the same either way.
 */
final class BsonValues {

    private BsonValues() {
    }

    static BsonValue of(Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        if (value instanceof BsonValue bson) {
            return bson;
        }
        if (value instanceof String text) {
            return new BsonString(text);
        }
        if (value instanceof Long number) {
            return new BsonInt64(number);
        }
        if (value instanceof Integer number) {
            return new BsonInt32(number);
        }
        if (value instanceof Double number) {
            return new BsonDouble(number);
        }
        if (value instanceof Boolean flag) {
            return BsonBoolean.valueOf(flag);
        }
        if (value instanceof Date date) {
            return new BsonDateTime(date.getTime());
        }
        if (value instanceof Collection<?> values) {
            BsonArray array = new BsonArray(values.size() < 10 ? 10 : values.size());
            for (Object element : values) {
                array.add(of(element));
            }
            return array;
        }
        return new Document("v", value).toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()).get("v");
    }
}
