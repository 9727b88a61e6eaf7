package io.tributary.input.tcp;

record TcpSettings(String listen, int port, boolean json, String separator, int chunkSize, int maxRecordBytes,
                   String sourceAddressKey) {}
