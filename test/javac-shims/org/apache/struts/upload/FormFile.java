package org.apache.struts.upload;

public interface FormFile {
    String getFileName();

    java.io.InputStream getInputStream() throws java.io.IOException;
}
