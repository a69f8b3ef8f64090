FocusNet(
  (stem): Module(
    (conv): Module(
      (conv): Conv2d(12, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (act): SiLU()
    )
  )
  (conv): Module(
    (conv): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (act): Identity()
  )
  (head): Linear(in_features=8, out_features=10, bias=True)
)



def forward(self, x):
    getitem = x[(Ellipsis, slice(None, None, 2), slice(None, None, 2))]
    getitem_1 = x[(Ellipsis, slice(1, None, 2), slice(None, None, 2))]
    getitem_2 = x[(Ellipsis, slice(None, None, 2), slice(1, None, 2))]
    getitem_3 = x[(Ellipsis, slice(1, None, 2), slice(1, None, 2))];  x = None
    cat = torch.cat([getitem, getitem_1, getitem_2, getitem_3], 1);  getitem = getitem_1 = getitem_2 = getitem_3 = None
    stem_conv_conv = self.stem.conv.conv(cat);  cat = None
    stem_conv_bn = self.stem.conv.bn(stem_conv_conv);  stem_conv_conv = None
    stem_conv_act = self.stem.conv.act(stem_conv_bn);  stem_conv_bn = None
    conv_conv = self.conv.conv(stem_conv_act);  stem_conv_act = None
    conv_bn = self.conv.bn(conv_conv);  conv_conv = None
    conv_act = self.conv.act(conv_bn);  conv_bn = None
    getitem_4 = conv_act[(slice(None, None, None), slice(None, 8, None))]
    getitem_5 = conv_act[(slice(None, None, None), slice(8, None, None))];  conv_act = None
    sigmoid = torch.sigmoid(getitem_5);  getitem_5 = None
    mul = getitem_4 * sigmoid;  getitem_4 = sigmoid = None
    getitem_6 = mul[(slice(None, None, None), slice(None, None, None), slice(1, -1, None), slice(1, -1, None))];  mul = None
    mean = getitem_6.mean((2, 3));  getitem_6 = None
    getitem_7 = mean[(slice(None, None, None), None, slice(None, None, None))]
    getitem_8 = getitem_7[(slice(None, None, None), 0)];  getitem_7 = None
    head = self.head(getitem_8);  getitem_8 = None
    getitem_9 = mean[(slice(None, None, None), slice(-1, None, None))];  mean = None
    add = head + getitem_9;  head = getitem_9 = None
    return add
    
