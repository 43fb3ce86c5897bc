package org.apache.struts.action;

public abstract class ActionForm implements java.io.Serializable {
}
