Backbone(
  (stem): Module(
    (conv): Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
    (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (act): SiLU()
  )
  (c2f1): Module(
    (cv1): Module(
      (conv): Conv2d(16, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
    (m): Module(
      (0): Module(
        (cv1): Module(
          (conv): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        )
        (cv2): Module(
          (conv): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        )
      )
      (1): Module(
        (cv1): Module(
          (conv): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        )
        (cv2): Module(
          (conv): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        )
      )
    )
    (cv2): Module(
      (conv): Conv2d(64, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
  )
  (mix): Module(
    (mixed_depthwise_conv): Module(
      (0): Conv2d(12, 12, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=12, bias=False)
      (1): Conv2d(10, 10, kernel_size=(5, 5), stride=(2, 2), padding=(2, 2), groups=10, bias=False)
      (2): Conv2d(10, 10, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), groups=10, bias=False)
    )
  )
  (c2f2): Module(
    (cv1): Module(
      (conv): Conv2d(32, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
    (m): Module(
      (0): Module(
        (cv1): Module(
          (conv): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        )
        (cv2): Module(
          (conv): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        )
      )
    )
    (cv2): Module(
      (conv): Conv2d(96, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
  )
  (pool): AdaptiveAvgPool2d(output_size=1)
  (fc): Linear(in_features=64, out_features=10, bias=True)
)



def forward(self, x):
    stem_conv = self.stem.conv(x);  x = None
    stem_bn = self.stem.bn(stem_conv);  stem_conv = None
    stem_act = self.stem.act(stem_bn);  stem_bn = None
    c2f1_cv1_conv = self.c2f1.cv1.conv(stem_act);  stem_act = None
    c2f1_cv1_bn = self.c2f1.cv1.bn(c2f1_cv1_conv);  c2f1_cv1_conv = None
    stem_act_1 = self.stem.act(c2f1_cv1_bn);  c2f1_cv1_bn = None
    chunk = stem_act_1.chunk(2, 1);  stem_act_1 = None
    getitem = chunk[0]
    getitem_1 = chunk[1];  chunk = None
    c2f1_m_0_cv1_conv = getattr(self.c2f1.m, "0").cv1.conv(getitem_1)
    c2f1_m_0_cv1_bn = getattr(self.c2f1.m, "0").cv1.bn(c2f1_m_0_cv1_conv);  c2f1_m_0_cv1_conv = None
    stem_act_2 = self.stem.act(c2f1_m_0_cv1_bn);  c2f1_m_0_cv1_bn = None
    c2f1_m_0_cv2_conv = getattr(self.c2f1.m, "0").cv2.conv(stem_act_2);  stem_act_2 = None
    c2f1_m_0_cv2_bn = getattr(self.c2f1.m, "0").cv2.bn(c2f1_m_0_cv2_conv);  c2f1_m_0_cv2_conv = None
    stem_act_3 = self.stem.act(c2f1_m_0_cv2_bn);  c2f1_m_0_cv2_bn = None
    add = getitem_1 + stem_act_3;  stem_act_3 = None
    c2f1_m_1_cv1_conv = getattr(self.c2f1.m, "1").cv1.conv(add)
    c2f1_m_1_cv1_bn = getattr(self.c2f1.m, "1").cv1.bn(c2f1_m_1_cv1_conv);  c2f1_m_1_cv1_conv = None
    stem_act_4 = self.stem.act(c2f1_m_1_cv1_bn);  c2f1_m_1_cv1_bn = None
    c2f1_m_1_cv2_conv = getattr(self.c2f1.m, "1").cv2.conv(stem_act_4);  stem_act_4 = None
    c2f1_m_1_cv2_bn = getattr(self.c2f1.m, "1").cv2.bn(c2f1_m_1_cv2_conv);  c2f1_m_1_cv2_conv = None
    stem_act_5 = self.stem.act(c2f1_m_1_cv2_bn);  c2f1_m_1_cv2_bn = None
    add_1 = add + stem_act_5;  stem_act_5 = None
    cat = torch.cat([getitem, getitem_1, add, add_1], 1);  getitem = getitem_1 = add = add_1 = None
    c2f1_cv2_conv = self.c2f1.cv2.conv(cat);  cat = None
    c2f1_cv2_bn = self.c2f1.cv2.bn(c2f1_cv2_conv);  c2f1_cv2_conv = None
    stem_act_6 = self.stem.act(c2f1_cv2_bn);  c2f1_cv2_bn = None
    split = torch.functional.split(stem_act_6, [12, 10, 10], dim = 1);  stem_act_6 = None
    getitem_2 = split[0]
    getitem_3 = split[1]
    getitem_4 = split[2];  split = None
    mix_mixed_depthwise_conv_0 = getattr(self.mix.mixed_depthwise_conv, "0")(getitem_2);  getitem_2 = None
    mix_mixed_depthwise_conv_1 = getattr(self.mix.mixed_depthwise_conv, "1")(getitem_3);  getitem_3 = None
    mix_mixed_depthwise_conv_2 = getattr(self.mix.mixed_depthwise_conv, "2")(getitem_4);  getitem_4 = None
    cat_1 = torch.cat([mix_mixed_depthwise_conv_0, mix_mixed_depthwise_conv_1, mix_mixed_depthwise_conv_2], dim = 1);  mix_mixed_depthwise_conv_0 = mix_mixed_depthwise_conv_1 = mix_mixed_depthwise_conv_2 = None
    c2f2_cv1_conv = self.c2f2.cv1.conv(cat_1);  cat_1 = None
    c2f2_cv1_bn = self.c2f2.cv1.bn(c2f2_cv1_conv);  c2f2_cv1_conv = None
    stem_act_7 = self.stem.act(c2f2_cv1_bn);  c2f2_cv1_bn = None
    chunk_1 = stem_act_7.chunk(2, 1);  stem_act_7 = None
    getitem_5 = chunk_1[0]
    getitem_6 = chunk_1[1];  chunk_1 = None
    c2f2_m_0_cv1_conv = getattr(self.c2f2.m, "0").cv1.conv(getitem_6)
    c2f2_m_0_cv1_bn = getattr(self.c2f2.m, "0").cv1.bn(c2f2_m_0_cv1_conv);  c2f2_m_0_cv1_conv = None
    stem_act_8 = self.stem.act(c2f2_m_0_cv1_bn);  c2f2_m_0_cv1_bn = None
    c2f2_m_0_cv2_conv = getattr(self.c2f2.m, "0").cv2.conv(stem_act_8);  stem_act_8 = None
    c2f2_m_0_cv2_bn = getattr(self.c2f2.m, "0").cv2.bn(c2f2_m_0_cv2_conv);  c2f2_m_0_cv2_conv = None
    stem_act_9 = self.stem.act(c2f2_m_0_cv2_bn);  c2f2_m_0_cv2_bn = None
    cat_2 = torch.cat([getitem_5, getitem_6, stem_act_9], 1);  getitem_5 = getitem_6 = stem_act_9 = None
    c2f2_cv2_conv = self.c2f2.cv2.conv(cat_2);  cat_2 = None
    c2f2_cv2_bn = self.c2f2.cv2.bn(c2f2_cv2_conv);  c2f2_cv2_conv = None
    stem_act_10 = self.stem.act(c2f2_cv2_bn);  c2f2_cv2_bn = None
    pool = self.pool(stem_act_10);  stem_act_10 = None
    flatten = torch.flatten(pool, 1);  pool = None
    fc = self.fc(flatten);  flatten = None
    return fc
    
