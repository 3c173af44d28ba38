package io.consentflow.platform.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.ProducerListener;

/**
 * spring-kafka's defaults log a failed record's key and value, and the error handler logs consumed records whole. On
 * send-requests and whatsapp-inbound those hold phone numbers and message texts, so the suite logs only where a
 * record was (topic, partition, offset) and what went wrong.
 */
public class PersonalDataFreeProducerListener<K, V> implements ProducerListener<K, V> {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataFreeProducerListener.class);

    @Override
    public void onError(ProducerRecord<K, V> record, RecordMetadata metadata, Exception exception) {
        log.error("publishing to {} failed: {}", record.topic(), exception.getClass().getName());
    }

    /** Makes every consumer-record log line of spring-kafka say only topic-partition@offset. */
    public static void formatConsumerRecordsWithoutPayload() {
        KafkaUtils.setConsumerRecordFormatter(record -> record.topic() + "-" + record.partition() + "@"
                + record.offset());
    }
}
